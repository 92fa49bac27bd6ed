/**
 * The pager at run time: alert intake committed durably, the escalation engine driven by stored progress and a
 * due-time scheduler, pages handed to channels only after the decision that issued them is committed, the
 * incidents API and the paging metrics. Wires the pure core ({@code escalation}, {@code alert}, {@code schedule})
 * to the edges ({@code intake}, {@code store}, {@code notify}).
 */
package dev.limbic.paging;
