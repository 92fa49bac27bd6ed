package dev.limbic.store;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static dev.limbic.testing.Await.result;
import static dev.limbic.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

/** Grouping writes: what arrives meanwhile shares the next batch, and a batch that stalls holds nobody else. */
class GroupCommitTest {
    /** A writer whose batches the test answers. */
    private final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final List<Promise<List<String>>> answers = new CopyOnWriteArrayList<>();

    private Future<List<String>> write(List<String> batch) {
        Promise<List<String>> answer = Promise.promise();
        batches.add(batch);
        answers.add(answer);
        return answer.future();
    }

    /** Batches of up to 10 items, one in flight at a time. */
    private GroupCommit<String, String> commit(Duration stallAfter, Function<String, Object> key) {
        return new GroupCommit<>("items", 10, 1, stallAfter, key, this::write);
    }

    private static List<String> done(List<String> batch) {
        return batch.stream().map(item -> item + " written").toList();
    }

    @Test
    void whatArrivesWhileABatchIsWrittenFormsTheNextOneAndSameKeysNeverShareABatch() throws Exception {
        GroupCommit<String, String> commit = commit(Duration.ofMinutes(1), item -> item.substring(0, 1));
        Future<String> first = commit.submit("a1");
        Future<String> second = commit.submit("b1");
        Future<String> third = commit.submit("c1");
        Future<String> sameKey = commit.submit("b2");
        assertThat(batches).containsExactly(List.of("a1"));

        answers.get(0).complete(done(batches.get(0)));
        assertThat(result(first)).isEqualTo("a1 written");
        assertThat(batches).as("b2 waits for a batch without b1").containsExactly(List.of("a1"), List.of("b1", "c1"));
        answers.get(1).complete(done(batches.get(1)));
        assertThat(batches.get(2)).containsExactly("b2");
        answers.get(2).complete(done(batches.get(2)));
        assertThat(result(second)).isEqualTo("b1 written");
        assertThat(result(third)).isEqualTo("c1 written");
        assertThat(result(sameKey)).isEqualTo("b2 written");
    }

    @Test
    void aBatchThatStallsLetsTheNextGoAheadAndStillAnswersItsCallersWhenItsAnswerComes() throws Exception {
        GroupCommit<String, String> commit = commit(Duration.ofMillis(200), item -> item);
        Future<String> stalled = commit.submit("stalled");
        Future<String> behind = commit.submit("behind");
        assertThat(batches).containsExactly(List.of("stalled"));

        until(() -> assertThat(batches).as("written beside the stalled batch once it passed 200 ms")
                .containsExactly(List.of("stalled"), List.of("behind")));
        answers.get(1).complete(done(batches.get(1)));
        assertThat(result(behind)).isEqualTo("behind written");
        assertThat(stalled.isComplete()).isFalse();

        answers.get(0).complete(done(batches.get(0)));
        assertThat(result(stalled)).as("the late answer still reaches its caller").isEqualTo("stalled written");
        Future<String> later = commit.submit("later");
        assertThat(batches).as("the stalled batch gave up its place only once").hasSize(3);
        answers.get(2).complete(done(batches.get(2)));
        assertThat(result(later)).isEqualTo("later written");
    }

    @Test
    void aFailedBatchIsWrittenAgainItemByItemSoOnlyTheBadItemFails() throws Exception {
        GroupCommit<String, String> commit = commit(Duration.ofMinutes(1), item -> item);
        Future<String> blocker = commit.submit("first");
        Future<String> good = commit.submit("good");
        Future<String> bad = commit.submit("bad");
        answers.get(0).complete(done(batches.get(0)));
        result(blocker);
        answers.get(1).fail("the batch failed");
        until(() -> assertThat(batches).hasSize(4));
        assertThat(batches.subList(2, 4)).containsExactly(List.of("good"), List.of("bad"));
        answers.get(2).complete(done(batches.get(2)));
        answers.get(3).fail("bad item");
        assertThat(result(good)).isEqualTo("good written");
        assertThat(dev.limbic.testing.Await.failure(bad)).hasMessage("bad item");
    }
}
