package dev.dynamo.history;

/** A history or decisions query parameter that cannot be served; the API answers 400 naming it. */
public final class HistoryParameterException extends IllegalArgumentException {
    private final String parameter;

    public HistoryParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The query parameter to blame: {@code from}, {@code to}, {@code interval} or {@code limit}. */
    public String parameter() {
        return parameter;
    }
}
