package dev.dynamo.console.live;

public enum ChargerStatus {
    CHARGING, QUEUED, OFFLINE;

    static ChargerStatus fromJson(String status) {
        return switch (status == null ? "" : status) {
            case "charging" -> CHARGING;
            case "offline" -> OFFLINE;
            default -> QUEUED;
        };
    }

    public String label() { return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT); }
}
