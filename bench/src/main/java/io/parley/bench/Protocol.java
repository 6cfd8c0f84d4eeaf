package io.parley.bench;

/** The protocols the bench can drive, as {@code --protocol} names them. */
public enum Protocol {
    LINE(new LineDriver()),
    TCD(new TcdDriver());

    private final ProtocolDriver driver;

    Protocol(ProtocolDriver driver) {
        this.driver = driver;
    }

    ProtocolDriver driver() {
        return driver;
    }

    /** The name used on the command line and in result files. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
