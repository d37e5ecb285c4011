package dev.dynamo.console.connect;

/** What the connect screen remembers between runs. */
public interface ConnectionSettings {
    record Saved(String engineUrl, String apiKey, boolean embedded, String siteId) {}

    Saved load();

    void save(Saved saved);

    static ConnectionSettings inMemory(Saved initial) {
        return new ConnectionSettings() {
            private Saved current = initial;

            @Override
            public Saved load() { return current; }

            @Override
            public void save(Saved saved) { current = saved; }
        };
    }
}
