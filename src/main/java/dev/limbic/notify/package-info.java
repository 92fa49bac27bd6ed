/**
 * Getting notifications to responders: the {@link dev.limbic.notify.Channel}s (responder live stream, generic
 * JSON webhook, Slack-compatible webhook, ntfy) and the {@link dev.limbic.notify.NotificationDispatcher} that
 * rate-limits, retries and fails over between a responder's channels. Vert.x edge; the decisions it acts on
 * live in the pure {@code dev.limbic.delivery} package.
 *
 * <p>Wiring, in the app:
 * <pre>{@code
 * WebClient client = Channels.createClient(vertx);
 * ResponderLiveStream live = new ResponderLiveStream(vertx, liveTokens, escalationActions, clock);
 * live.mount(router);                                   // GET /v1/responders/:id/live (WebSocket)
 * Channels channels = new Channels(vertx, client, clock, live);
 * // per responder: config channels -> channels.create(spec), in order; swapped on reload
 * NotificationDispatcher dispatcher = new NotificationDispatcher(vertx, channelsByResponder::get,
 *         DispatchSettings.DEFAULT, timelineRecorder, new NotificationMetrics(registry),
 *         Scheduler.vertx(vertx, clock), new SplittableRandom());
 * dispatcher.dispatch(Notification.page(...));          // Future<DeliveryReport>
 * }</pre>
 */
package dev.limbic.notify;
