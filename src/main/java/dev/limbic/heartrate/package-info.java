/**
 * Bluetooth GATT Heart Rate Measurement (characteristic 0x2A37): the wire format every strap speaks,
 * decoded without allocation on the hot path.
 */
package dev.limbic.heartrate;
