/** Small helpers shared by the gateway's HTTP endpoints (an edge package). */
package dev.limbic.web;
