/**
 * Edge mode: a box next to the straps (a Raspberry Pi in the office, a responder's laptop) links its paired straps
 * over Bluetooth and forwards their frames to a central Limbic's device stream, buffering through short outages.
 */
package dev.limbic.edge;
