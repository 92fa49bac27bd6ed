/**
 * What Limbic tells a responder and how it decides to keep trying: the {@link dev.limbic.delivery.Notification}
 * model (pages, bundles, breathing and grounding prompts, partner calls), the outcome of one delivery attempt
 * ({@link dev.limbic.delivery.DeliveryResult}), the one place where retry and failover are decided
 * ({@link dev.limbic.delivery.RetryPolicy}) and the per-responder rate limit that bundles instead of dropping
 * ({@link dev.limbic.delivery.PageThrottle}). Pure Java: time comes in with every call.
 */
package dev.limbic.delivery;
