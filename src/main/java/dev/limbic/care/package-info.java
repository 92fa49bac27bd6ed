/**
 * The stress-aware rules that join a responder's stress state with paging: how they reacted to a page,
 * and (later) breathing prompts, bounded holds, deferral, partner handoff and load budgets. Pure Java:
 * time comes in with every call.
 */
package dev.limbic.care;
