/**
 * Firmware profiles of Bluetooth LE heart-rate devices: how a device family is recognised from its advertisement,
 * what it offers, and the quirks that correct its Heart Rate Measurement frames before they reach the stress
 * detector. Pure Java: reading the profile files is an edge concern ({@code dev.limbic.config.FirmwareProfileLoader}).
 */
package dev.limbic.firmware;
