package dev.dynamo.console.connect;

import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** {@link ConnectionSettings} in the user's {@code java.util.prefs} node. */
public final class PreferencesSettings implements ConnectionSettings {
    private final Preferences node;

    public PreferencesSettings(Preferences node) { this.node = node; }

    public static PreferencesSettings forUser() {
        return new PreferencesSettings(Preferences.userRoot().node("dev/dynamo/console"));
    }

    @Override
    public Saved load() {
        return new Saved(node.get("engineUrl", "http://127.0.0.1:8080"), node.get("apiKey", ""),
                node.getBoolean("embedded", true), node.get("siteId", null));
    }

    @Override
    public void save(Saved saved) {
        node.put("engineUrl", saved.engineUrl());
        node.put("apiKey", saved.apiKey() == null ? "" : saved.apiKey());
        node.putBoolean("embedded", saved.embedded());
        if (saved.siteId() != null) node.put("siteId", saved.siteId());
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // not being remembered is no reason to fail a connection
        }
    }
}
