package dev.limbic.intake;

/**
 * Limits of the intake endpoints.
 *
 * @param webhookBodyLimitBytes   largest accepted body on the Alertmanager, Grafana and generic webhooks
 * @param pagerDutyBodyLimitBytes largest accepted body on {@code /v2/enqueue} (PagerDuty allows 512 KiB)
 */
public record IntakeOptions(long webhookBodyLimitBytes, long pagerDutyBodyLimitBytes) {
    /** 1 MiB for webhooks, 512 KiB for PagerDuty events. */
    public static final IntakeOptions DEFAULTS = new IntakeOptions(1024 * 1024, 512 * 1024);

    public IntakeOptions {
        if (webhookBodyLimitBytes <= 0 || pagerDutyBodyLimitBytes <= 0) {
            throw new IllegalArgumentException("body limits must be positive");
        }
    }
}
