/**
 * Bluetooth LE heart-rate straps through TinyB and BlueZ: discovery, the link to each paired strap, and the
 * supervision that notices silent link losses. TinyB calls block and its callbacks run on its own threads, so
 * nothing here runs on an event loop; frames are handed over as copies.
 */
package dev.limbic.ble;
