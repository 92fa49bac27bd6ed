package dev.limbic.intake;

/**
 * Limits of the intake endpoints.
 *
 * @param webhookBodyLimitBytes   largest accepted body on the Alertmanager, Grafana and generic webhooks
 * @param pagerDutyBodyLimitBytes largest accepted body on {@code /v2/enqueue} (PagerDuty allows 512 KiB)
 * @param inlineParseLimitBytes   largest body parsed on the event loop; larger ones are parsed on a worker
 *                                thread (a 1 MiB Alertmanager webhook takes about 10 ms to read)
 */
public record IntakeOptions(long webhookBodyLimitBytes, long pagerDutyBodyLimitBytes, long inlineParseLimitBytes) {
    /** 1 MiB for webhooks, 512 KiB for PagerDuty events, bodies over 64 KiB parsed off the event loop. */
    public static final IntakeOptions DEFAULTS = new IntakeOptions(1024 * 1024, 512 * 1024, 64 * 1024);

    public IntakeOptions {
        if (webhookBodyLimitBytes <= 0 || pagerDutyBodyLimitBytes <= 0) {
            throw new IllegalArgumentException("body limits must be positive");
        }
        if (inlineParseLimitBytes < 0) {
            throw new IllegalArgumentException("inlineParseLimitBytes must not be negative");
        }
    }
}
