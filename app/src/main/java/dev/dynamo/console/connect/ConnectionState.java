package dev.dynamo.console.connect;

public enum ConnectionState {
    DISCONNECTED("Not connected"),
    CONNECTING("Connecting…"),
    CONNECTED("Connected"),
    FAILED("Connection failed");

    private final String label;

    ConnectionState(String label) { this.label = label; }

    public String label() { return label; }
}
