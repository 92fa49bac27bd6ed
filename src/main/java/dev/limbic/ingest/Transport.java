package dev.limbic.ingest;

/** How a frame reached the gateway; the {@code transport} label of ingest metrics. */
public enum Transport {
    WEBSOCKET("websocket"),
    HTTP("http"),
    /** Straps linked to the gateway's own Bluetooth adapter. */
    BLUETOOTH("bluetooth");

    private final String label;

    Transport(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
