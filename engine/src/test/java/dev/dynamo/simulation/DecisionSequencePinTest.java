package dev.dynamo.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dynamo.allocation.Allocator;
import dev.dynamo.site.AllocationSnapshot;
import dev.dynamo.site.ChargerAllocation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The simulator's results pinned: the KPIs and a digest of every decision (each snapshot the site made: its
 * trigger, time, budget and circuits, and every charger's allocation, target, cap, status, queue time, what limits
 * it, at-risk and currents) of shipped scenarios under each strategy, with departure-aware sharing on and off, as the
 * site layer made them at commit {@code d95e179}, before the simulation's fast path. A change of the site layer
 * that changes a single decision of these runs fails here.
 *
 * <p>To print the values of the code as it is (after a change that is meant to change results):
 * {@code ./mvnw -B -pl engine test -Dtest=DecisionSequencePinTest -Dpin.print=true -DskipNpmCi=true}.
 */
class DecisionSequencePinTest {

    /** One pinned run: the scenario, its length, the strategy; its decisions, KPIs and decision digest. */
    record Pin(String scenario, int hours, String strategy, int decisions, String kpis, String digest) {}

    static final List<Pin> PINS = List.of(
            // printed by the run of commit d95e179 (see the class comment); the departure_aware runs re-printed after the
            // departure follow-ups (branch depart: real departure, register energy since its reading, hundredths handed back)
            new Pin("hundred-chargers", 48, "equal", 11711,
                    "Kpis[vehicles=5900, requestedKwh=83783.898, deliveredKwh=28681.406505513904, unmetKwh=55102.491494486094, fullyServed=552, fairness=0.6949713187922231, longestWaitMin=22.519766666666666, longestWaitWithoutRotationMin=22.519766666666666, peakKw=700.0000000000005, budgetKwh=33600.0, budgetUtilisation=0.8536132888545804, decisions=11711, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=32.198, planner=null]",
                    "7f301a44d1af4ef4800f1c2afeaa9a26c85c6bf5b25731615887aea478ae81a0"),
            new Pin("hundred-chargers", 8, "priority", 955,
                    "Kpis[vehicles=556, requestedKwh=7830.17, deliveredKwh=3244.0298193333333, unmetKwh=4586.140180666667, fullyServed=109, fairness=0.6544378615766359, longestWaitMin=12.11895, longestWaitWithoutRotationMin=12.11895, peakKw=700.000000000002, budgetKwh=5600.0, budgetUtilisation=0.5792910391666667, decisions=955, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=32.198, planner=null]",
                    "51d20172f0b0ccdf1f605fab73ddf1ee692859fbc75d40ad1e405d213c60db0c"),
            new Pin("hundred-chargers", 8, "equal:departure_aware", 1999,
                    "Kpis[vehicles=556, requestedKwh=7830.17, deliveredKwh=3244.029811575, unmetKwh=4586.140188425, fullyServed=121, fairness=0.6260969494992459, longestWaitMin=14.321066666666667, longestWaitWithoutRotationMin=14.321066666666667, peakKw=700.0000000000011, budgetKwh=5600.0, budgetUtilisation=0.57929103778125, decisions=1999, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=32.198, planner=null]",
                    "1b1168313d6c0e368343a7b8c0c33758b4e4840ff3829d82de93afad1bdd70ed"),
            new Pin("hundred-chargers", 8, "equal:rotation=15", 1898,
                    "Kpis[vehicles=556, requestedKwh=7830.17, deliveredKwh=3243.553254505557, unmetKwh=4586.6167454944425, fullyServed=94, fairness=0.6889043841137864, longestWaitMin=13.886183333333333, longestWaitWithoutRotationMin=13.886183333333333, peakKw=700.0000000000005, budgetKwh=5600.0, budgetUtilisation=0.5792059383045638, decisions=949, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=32.198, planner=null]",
                    "750ade6440c2c03359a73aaabbc33a5236852e61aa3619922b22df4b0bde2fab"),
            new Pin("overnight-depot", 0, "scenario", 28,
                    "Kpis[vehicles=12, requestedKwh=630.0, deliveredKwh=614.0199291889642, unmetKwh=15.98007081103583, fullyServed=8, fairness=0.9988318197543071, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=69.96000000000001, budgetKwh=680.0, budgetUtilisation=0.9029704841014179, decisions=28, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=5.737667052777795, planner=null]",
                    "679d02fefc6d6fe1fae26fc7ff3fe8039f59bc27b975a23d12df28877b699224"),
            new Pin("overnight-depot", 0, "equal", 26,
                    "Kpis[vehicles=12, requestedKwh=630.0, deliveredKwh=630.0, unmetKwh=0.0, fullyServed=12, fairness=1.0, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=60.0, budgetKwh=960.0, budgetUtilisation=0.65625, decisions=26, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=0.0, planner=null]",
                    "827b0b78258cf43ff1b60dc3986378374aa29202c84610b047ae2d7e984dcee9"),
            new Pin("overnight-depot", 0, "priority", 26,
                    "Kpis[vehicles=12, requestedKwh=630.0, deliveredKwh=630.0, unmetKwh=0.0, fullyServed=12, fairness=1.0, longestWaitMin=304.61508333333336, longestWaitWithoutRotationMin=304.61508333333336, peakKw=60.0, budgetKwh=960.0, budgetUtilisation=0.65625, decisions=26, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=0.0, planner=null]",
                    "cfe6be42262ceff13ace640fa13e2ab4eb3e3def298cae71279e3e5a6a3c0fba"),
            new Pin("overnight-depot", 0, "equal:departure_aware", 159,
                    "Kpis[vehicles=12, requestedKwh=630.0, deliveredKwh=630.0, unmetKwh=0.0, fullyServed=12, fairness=1.0, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=60.000000000000014, budgetKwh=960.0, budgetUtilisation=0.65625, decisions=159, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=0.0, planner=null]",
                    "cdcb7f8e1db6dfbc7320d0038fd3a2a782bf964f4df9d823084bacdd3b682959"),
            new Pin("overnight-depot", 0, "scheduled:departure_aware", 220,
                    "Kpis[vehicles=12, requestedKwh=630.0, deliveredKwh=614.3777777305556, unmetKwh=15.622222269444364, fullyServed=11, fairness=0.9960652824630334, longestWaitMin=180.0, longestWaitWithoutRotationMin=180.0, peakKw=70.0, budgetKwh=680.0, budgetUtilisation=0.9034967319566994, decisions=220, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=15.622222269444357, planner=null]",
                    "0de01e2fe07da96807bd47199441f40ab11aaee65b49b6b213f5db638d5f3a6c"),
            new Pin("van-depot", 0, "scenario", 81,
                    "Kpis[vehicles=40, requestedKwh=1498.0, deliveredKwh=1353.4883817305556, unmetKwh=144.5116182694444, fullyServed=27, fairness=0.9813478011704049, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=110.0, budgetKwh=2200.0, budgetUtilisation=0.6152219916957071, decisions=81, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=21.35082947499999, planner=null]",
                    "33fbe17cfbba2ffa36172d0e2810f78bf286cb155f2fe48eb938fad26a93ff82"),
            new Pin("van-depot", 0, "equal", 81,
                    "Kpis[vehicles=40, requestedKwh=1498.0, deliveredKwh=1353.4883817305556, unmetKwh=144.5116182694444, fullyServed=27, fairness=0.9813478011704049, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=110.0, budgetKwh=2200.0, budgetUtilisation=0.6152219916957071, decisions=81, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=21.35082947499999, planner=null]",
                    "33fbe17cfbba2ffa36172d0e2810f78bf286cb155f2fe48eb938fad26a93ff82"),
            new Pin("van-depot", 0, "priority", 81,
                    "Kpis[vehicles=40, requestedKwh=1498.0, deliveredKwh=1341.1042291666668, unmetKwh=156.89577083333324, fullyServed=33, fairness=0.939572263809109, longestWaitMin=497.6963, longestWaitWithoutRotationMin=497.6963, peakKw=110.0, budgetKwh=2200.0, budgetUtilisation=0.609592831439394, decisions=81, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=34.589961736111114, planner=null]",
                    "8fe52b74fbc9a9374589594ef827e854eee2e61fa1cec712e20c370d2e5b4446"),
            new Pin("van-depot", 0, "equal:departure_aware", 366,
                    "Kpis[vehicles=40, requestedKwh=1498.0, deliveredKwh=1498.0, unmetKwh=0.0, fullyServed=40, fairness=1.0, longestWaitMin=490.0, longestWaitWithoutRotationMin=490.0, peakKw=110.00000000000004, budgetKwh=2200.0, budgetUtilisation=0.6809090909090909, decisions=366, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=0.0, planner=null]",
                    "ab39f0575b1ef11fdc82a51a433cc508d1ffca093e42efa0ddba4a6f76860e18"),
            new Pin("van-depot", 0, "equal:departure_aware=off", 81,
                    "Kpis[vehicles=40, requestedKwh=1498.0, deliveredKwh=1353.4883817305556, unmetKwh=144.5116182694444, fullyServed=27, fairness=0.9813478011704049, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=110.0, budgetKwh=2200.0, budgetUtilisation=0.6152219916957071, decisions=81, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=21.35082947499999, planner=null]",
                    "33fbe17cfbba2ffa36172d0e2810f78bf286cb155f2fe48eb938fad26a93ff82"),
            new Pin("office-car-park", 0, "scenario", 196,
                    "Kpis[vehicles=44, requestedKwh=766.194, deliveredKwh=723.7331481224766, unmetKwh=42.460851877523396, fullyServed=32, fairness=0.9679263912064497, longestWaitMin=284.91675, longestWaitWithoutRotationMin=403.32888333333335, peakKw=79.77000000000001, budgetKwh=1920.0, budgetUtilisation=0.37694434798045656, decisions=107, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=7.61131383333333, planner=null]",
                    "a029e2dc4d38debf63996f69a3b113212f294940fb3e0cccc92565149574d033"),
            new Pin("office-car-park", 0, "equal:departure_aware", 526,
                    "Kpis[vehicles=44, requestedKwh=766.194, deliveredKwh=751.0276185115468, unmetKwh=15.166381488453112, fullyServed=37, fairness=0.9760195343019872, longestWaitMin=437.20295, longestWaitWithoutRotationMin=437.20295, peakKw=79.62, budgetKwh=1920.0, budgetUtilisation=0.39116021797476397, decisions=263, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=4.554214725000001, planner=null]",
                    "b1cff7520ddd297d8a5fa9eae69febd3ee794489af795a917748d4c4b77248cc"),
            new Pin("public-hub", 0, "scenario", 231,
                    "Kpis[vehicles=114, requestedKwh=3221.401, deliveredKwh=3076.319832464057, unmetKwh=145.08116753594277, fullyServed=85, fairness=0.9851580779100891, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=400.0, budgetKwh=9150.0, budgetUtilisation=0.33620981775563463, decisions=231, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=21.838388888888886, planner=null]",
                    "046e561c55402774e2c42c0453b29e1c455abe7252f7cc562a359ad309d31471"),
            new Pin("public-hub", 0, "priority", 231,
                    "Kpis[vehicles=114, requestedKwh=3221.401, deliveredKwh=3072.3994907354668, unmetKwh=149.00150926453307, fullyServed=87, fairness=0.9862939369022408, longestWaitMin=0.0, longestWaitWithoutRotationMin=0.0, peakKw=400.0, budgetKwh=9150.0, budgetUtilisation=0.3357813651077013, decisions=231, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=null, worstShortKwh=21.838388888888886, planner=null]",
                    "030da77f4642f500a71f6f500a6381295ca093b65cdb4f285f2cb77ca7038d15"),
            new Pin("office-pv", 0, "scenario", 258,
                    "Kpis[vehicles=26, requestedKwh=640.4780000000001, deliveredKwh=605.2459186578541, unmetKwh=35.23208134214599, fullyServed=21, fairness=0.9873070138534753, longestWaitMin=202.10828333333333, longestWaitWithoutRotationMin=202.10828333333333, peakKw=87.95999999999998, budgetKwh=3168.0, budgetUtilisation=0.19104984806119132, decisions=205, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=Grid[peakGridImportKw=145.0904743844235, capacityBreaches=0, staticBudgetKw=37.0, deliveredWithoutMeterKwh=467.93935769263834], worstShortKwh=13.138184950000014, planner=null]",
                    "c23ace30affab46ffca9cf842dd812d275ebff845e3a685b0bbff89551a69819"),
            new Pin("office-pv", 0, "equal:departure_aware", 636,
                    "Kpis[vehicles=26, requestedKwh=640.4780000000001, deliveredKwh=605.2439097245208, unmetKwh=35.234090275479275, fullyServed=21, fairness=0.9873056685757179, longestWaitMin=202.07328333333334, longestWaitWithoutRotationMin=202.07328333333334, peakKw=87.95999999999998, budgetKwh=3168.0, budgetUtilisation=0.19104921392819468, decisions=370, upperBoundKwh=NaN, upperBoundSlotMin=0, achievedToUpperBound=NaN, grid=Grid[peakGridImportKw=145.1347561185531, capacityBreaches=0, staticBudgetKw=37.0, deliveredWithoutMeterKwh=473.92190157777776], worstShortKwh=13.138184949999985, planner=null]",
                    "0912cb2435c75e2982eae597e419c360a22c7403e55f248982ca621cfc5aae55")
    );

    @TestFactory
    Stream<DynamicTest> the_simulator_decides_as_it_did() {
        if (Boolean.getBoolean("pin.print")) {
            return RUNS.stream().map(run -> DynamicTest.dynamicTest(run.toString(), () -> {
                var actual = run(run.scenario(), run.hours(), run.strategy());
                System.out.printf("            new Pin(\"%s\", %d, \"%s\", %d,%n                    \"%s\",%n                    \"%s\"),%n",
                        actual.scenario(), actual.hours(), actual.strategy(), actual.decisions(), actual.kpis(), actual.digest());
            }));
        }
        return PINS.stream().map(pin -> DynamicTest.dynamicTest(pin.scenario() + " " + pin.hours() + "h " + pin.strategy(), () -> {
            var actual = run(pin.scenario(), pin.hours(), pin.strategy());
            assertThat(actual.decisions()).as("decisions").isEqualTo(pin.decisions());
            assertThat(actual.kpis()).as("KPIs").isEqualTo(pin.kpis());
            assertThat(actual.digest()).as("digest of every decision").isEqualTo(pin.digest());
        }));
    }

    /** {@code hours} 0: the scenario's own length. */
    record Run(String scenario, int hours, String strategy) {}

    /** The runs pinned: the shipped scenarios as shipped, and hours of the large one (two days under equal: over a day boundary). */
    static final List<Run> RUNS = List.of(
            new Run("hundred-chargers", 48, "equal"),
            new Run("hundred-chargers", 8, "priority"),
            new Run("hundred-chargers", 8, "equal:departure_aware"),
            new Run("hundred-chargers", 8, "equal:rotation=15"),
            new Run("overnight-depot", 0, "scenario"),
            new Run("overnight-depot", 0, "equal"),
            new Run("overnight-depot", 0, "priority"),
            new Run("overnight-depot", 0, "equal:departure_aware"),
            new Run("overnight-depot", 0, "scheduled:departure_aware"),
            new Run("van-depot", 0, "scenario"),
            new Run("van-depot", 0, "equal"),
            new Run("van-depot", 0, "priority"),
            new Run("van-depot", 0, "equal:departure_aware"),
            new Run("van-depot", 0, "equal:departure_aware=off"),
            new Run("office-car-park", 0, "scenario"),
            new Run("office-car-park", 0, "equal:departure_aware"),
            new Run("public-hub", 0, "scenario"),
            new Run("public-hub", 0, "priority"),
            new Run("office-pv", 0, "scenario"),
            new Run("office-pv", 0, "equal:departure_aware"));

    static Pin run(String name, int hours, String strategy) {
        var scenario = Scenarios.shipped(name);
        if (hours != 0) scenario = scenario.withDuration(Duration.ofHours(hours));
        var digest = sha256();
        var decisions = new int[1];
        var simulator = new Simulator(Allocator::allocate, 1).withoutDetails().observing((_, snapshot) -> {
            decisions[0]++;
            digest.update(canonical(snapshot).getBytes(StandardCharsets.UTF_8));
        });
        var choice = StrategyChoice.parse(strategy);
        var kpis = simulator.simulate(scenario, Simulator.vehicles(scenario), choice).kpis();
        return new Pin(name, hours, strategy, decisions[0], kpis.toString(), HexFormat.of().formatHex(digest.digest()));
    }

    /** Everything a decision says, in a fixed form (the session's random id left out). */
    static String canonical(AllocationSnapshot s) {
        var text = new StringBuilder(256 + 160 * s.allocations().size());
        text.append(s.siteId()).append('|').append(s.strategy()).append('|').append(s.totalBudgetKw()).append('|')
                .append(s.totalAllocatedKw()).append('|').append(s.calculatedAt()).append('|').append(s.trigger())
                .append('|').append(s.budget()).append('|').append(s.circuits()).append('\n');
        for (var a : s.allocations()) canonical(text, a);
        return text.toString();
    }

    private static void canonical(StringBuilder text, ChargerAllocation a) {
        var session = a.session();
        text.append(a.chargePointId()).append('|').append(a.allocatedKw()).append('|').append(a.capKw()).append('|')
                .append(a.capReason()).append('|').append(a.status()).append('|').append(a.measuredKw()).append('|')
                .append(a.phasesInUse()).append('|').append(new java.util.TreeMap<>(a.currentA())).append('|')
                .append(a.queuedSince()).append('|').append(a.targetKw()).append('|').append(a.limitedBy().json())
                .append('|').append(a.atRisk()).append('|').append(a.profile()).append('|').append(a.overLimit())
                .append('|').append(session.startedAt()).append('|').append(session.evMaxPowerKw()).append('|')
                .append(session.energyNeededKwh()).append('|').append(session.phasesInUse()).append('|')
                .append(session.transactionId()).append('|').append(session.departureAt()).append('\n');
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
