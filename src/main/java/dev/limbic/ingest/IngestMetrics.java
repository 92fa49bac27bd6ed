package dev.limbic.ingest;

/** What ingest reports for metrics. Called on the hot path: implementations must be cheap and must not block. */
public interface IngestMetrics {
    void frameIngested(Transport transport);

    void frameRejected(FrameRejection rejection);

    /** Time from a frame's arrival to the responder's updated state. */
    void frameToState(long nanos);

    void streamOpened();

    void streamClosed();
}
