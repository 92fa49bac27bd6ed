package dev.limbic.paging;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OpenIncidentHoldersTest {
    private final OpenIncidentHolders holders = new OpenIncidentHolders();

    @Test
    void eachResponderCountsTheOpenIncidentsTheyHoldAsEscalationMovesOn() {
        assertThat(holders.update(1, Set.of("ada"))).isTrue();
        assertThat(holders.update(2, Set.of("ada"))).isTrue();
        assertThat(holders.counts()).isEqualTo(Map.of("ada", 2L));

        assertThat(holders.update(1, Set.of("bob", "cy"))).isTrue();
        assertThat(holders.counts()).isEqualTo(Map.of("ada", 1L, "bob", 1L, "cy", 1L));

        assertThat(holders.update(1, Set.of("cy"))).isTrue();
        assertThat(holders.update(2, Set.of())).isTrue();
        assertThat(holders.counts()).isEqualTo(Map.of("cy", 1L));
    }

    @Test
    void theSameHoldersAgainChangeNothing() {
        holders.update(7, Set.of("ada"));

        assertThat(holders.update(7, Set.of("ada"))).isFalse();
        assertThat(holders.update(8, Set.of())).isFalse();
        assertThat(holders.counts()).isEqualTo(Map.of("ada", 1L));
    }
}
