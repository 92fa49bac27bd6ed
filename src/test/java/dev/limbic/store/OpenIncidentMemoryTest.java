package dev.limbic.store;

import dev.limbic.store.IntakePlanner.IncidentKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenIncidentMemoryTest {
    private static final IncidentKey DISK = new IncidentKey("am", "disk");
    private static final IncidentKey API = new IncidentKey("am", "api");

    @Test
    void answersOnlyTheContentsItWasToldTheOpenIncidentRecorded() {
        OpenIncidentMemory memory = new OpenIncidentMemory(10);
        memory.remember(memory.epoch(), DISK, 7, List.of("h1", "h2"));

        assertThat(memory.recordedBy(DISK, "h1")).isEqualTo(7);
        assertThat(memory.recordedBy(DISK, "h2")).isEqualTo(7);
        assertThat(memory.recordedBy(DISK, "h3")).as("a content not known to be recorded").isEqualTo(-1);
        assertThat(memory.recordedBy(API, "h1")).as("another key").isEqualTo(-1);
    }

    @Test
    void aNewIncidentForTheKeyReplacesTheOldOneAndWhatItRecorded() {
        OpenIncidentMemory memory = new OpenIncidentMemory(10);
        memory.remember(memory.epoch(), DISK, 7, List.of("h1"));
        memory.remember(memory.epoch(), DISK, 8, List.of("h2"));

        assertThat(memory.recordedBy(DISK, "h1")).isEqualTo(-1);
        assertThat(memory.recordedBy(DISK, "h2")).isEqualTo(8);
        memory.forgetIncident(7);
        assertThat(memory.recordedBy(DISK, "h2")).as("forgetting the old incident leaves the new one").isEqualTo(8);
    }

    @Test
    void aForgottenIncidentOrKeyIsNotAnswered() {
        OpenIncidentMemory memory = new OpenIncidentMemory(10);
        memory.remember(memory.epoch(), DISK, 7, List.of("h1"));
        memory.remember(memory.epoch(), API, 9, List.of("h1"));

        memory.forgetIncident(7);
        memory.forget(API);

        assertThat(memory.recordedBy(DISK, "h1")).isEqualTo(-1);
        assertThat(memory.recordedBy(API, "h1")).isEqualTo(-1);
        assertThat(memory.size()).isZero();
    }

    @Test
    void whatAReadLearnedIsNotKeptIfAnIncidentWasForgottenWhileItRan() {
        OpenIncidentMemory memory = new OpenIncidentMemory(10);
        long readStarted = memory.epoch();
        memory.forgetIncident(7);

        memory.remember(readStarted, DISK, 7, List.of("h1"));
        assertThat(memory.recordedBy(DISK, "h1")).as("the read may predate the resolve").isEqualTo(-1);
        memory.remember(memory.epoch(), DISK, 7, List.of("h1"));
        assertThat(memory.recordedBy(DISK, "h1")).isEqualTo(7);
    }

    @Test
    void keepsTheKeysUsedLastAndTheContentsLearnedLast() {
        OpenIncidentMemory memory = new OpenIncidentMemory(2);
        memory.remember(memory.epoch(), DISK, 1, List.of("h"));
        memory.remember(memory.epoch(), API, 2, List.of("h"));
        memory.recordedBy(DISK, "h");
        memory.remember(memory.epoch(), new IncidentKey("am", "db"), 3, List.of("h"));

        assertThat(memory.size()).isEqualTo(2);
        assertThat(memory.recordedBy(API, "h")).as("least recently used").isEqualTo(-1);
        assertThat(memory.recordedBy(DISK, "h")).isEqualTo(1);
        memory.forgetIncident(2);
        assertThat(memory.size()).isEqualTo(2);

        for (int i = 0; i <= OpenIncidentMemory.RECORDED_PER_INCIDENT; i++) {
            memory.remember(memory.epoch(), DISK, 1, List.of("c" + i));
        }
        assertThat(memory.recordedBy(DISK, "h")).as("pushed out by newer contents").isEqualTo(-1);
        assertThat(memory.recordedBy(DISK, "c0")).isEqualTo(-1);
        assertThat(memory.recordedBy(DISK, "c" + OpenIncidentMemory.RECORDED_PER_INCIDENT)).isEqualTo(1);
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new OpenIncidentMemory(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxKeys");
    }
}
