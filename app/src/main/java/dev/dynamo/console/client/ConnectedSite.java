package dev.dynamo.console.client;

/**
 * The engine and site every screen works on once the user has connected.
 *
 * @param demo true when the console started the engine itself and fed it demo sessions
 */
public record ConnectedSite(EngineApi api, Site site, String engineVersion, boolean demo) {
    public String siteId() { return site.siteId(); }
}
