package dev.dynamo.allocation;

/** The allocation core: one pure function from an input to a result. */
public final class Allocator {
    private Allocator() {}

    public static AllocationResult allocate(AllocationInput input) {
        throw new UnsupportedOperationException("allocation core not written yet");
    }
}
