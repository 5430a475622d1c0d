package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class CostReservationsTest {
    private static final Offset<Double> CENT = Offset.offset(1e-9);
    private final CostReservations reservations = new CostReservations();
    private final Caps fiveDollars = Caps.of(5.0, null, null);

    @Test
    void shouldLeaveAStepStartedBesideARunningOneOnlyWhatThatOneDoesNotHold() {
        // given: a step of the build holds 2 USD of its 5
        Map<String, Object> first = values(2.0);
        CostReservations.Reservation running = reservations.capAndHold(fiveDollars, "job#1", first, () -> 0, false,
                true);

        // when: a second starts beside it without a maxCostUsd
        Map<String, Object> second = values(null);
        reservations.capAndHold(fiveDollars, "job#1", second, () -> 0, false, true);

        // then
        assertThat(running.usd()).isEqualTo(2.0);
        assertThat((Double) second.get("maxCostUsd")).isEqualTo(3.0, CENT);
        assertThat(reservations.heldBy("job#1")).isEqualTo(5.0, CENT);
        assertThat(reservations.heldBy("job#2")).as("other builds hold nothing").isZero();
    }

    @Test
    void shouldRefuseAThirdStepWhileTheRunningOnesHoldTheWholeCap() {
        // given
        reservations.capAndHold(fiveDollars, "job#1", values(2.0), () -> 0, false, true);
        reservations.capAndHold(fiveDollars, "job#1", values(null), () -> 0, false, true);

        // when / then
        assertThatThrownBy(() -> reservations.capAndHold(fiveDollars, "job#1", values(null), () -> 0, false, true))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("its running steps may spend 5 USD");
    }

    @Test
    void shouldGiveTheHoldBackWhenTheStepEndsAndCountWhatItSpentInstead() {
        // given
        CostReservations.Reservation running = reservations.capAndHold(fiveDollars, "job#1", values(2.0), () -> 0,
                false, true);

        // when: it ends having spent 0.5 (its rows now say so)
        running.release();
        running.release();
        Map<String, Object> next = values(null);
        reservations.capAndHold(fiveDollars, "job#1", next, () -> 0.5, false, true);

        // then
        assertThat(running.usd()).isZero();
        assertThat((Double) next.get("maxCostUsd")).isEqualTo(4.5, CENT);
        assertThat(reservations.heldBy("job#1")).isEqualTo(4.5, CENT);
    }

    @Test
    void shouldHoldNothingForALoopStepOrWithoutACostCap() {
        Map<String, Object> loop = values(3.0);
        Map<String, Object> uncapped = values(3.0);

        CostReservations.Reservation checked = reservations.capAndHold(fiveDollars, "job#1", loop, () -> 0, true,
                false);
        CostReservations.Reservation free = reservations.capAndHold(Caps.none(), "job#1", uncapped, () -> 0, false,
                true);

        assertThat(checked.usd()).isZero();
        assertThat(free.usd()).isZero();
        assertThat(reservations.heldBy("job#1")).isZero();
        assertThat(uncapped).containsEntry("maxCostUsd", 3.0);
    }

    @Test
    void shouldNeverLetStepsStartingTogetherHoldMoreThanTheCap() throws Exception {
        // given: 20 steps without maxCostUsd of one build start at once (parallel branches), each sure to take
        // something when any is left
        int steps = 20;
        ExecutorService threads = Executors.newFixedThreadPool(steps);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Double>> granted = new ArrayList<>();
        try {
            for (int i = 0; i < steps; i++) {
                granted.add(threads.submit(() -> {
                    start.await();
                    Map<String, Object> step = values(0.75);
                    try {
                        reservations.capAndHold(fiveDollars, "job#1", step, () -> 0, false, true);
                        return (Double) step.get("maxCostUsd");
                    } catch (InvalidRequestException refused) {
                        return 0.0;
                    }
                }));
            }

            // when
            start.countDown();
            double total = 0;
            for (Future<Double> each : granted) {
                total += each.get();
            }

            // then: together exactly the cap, never more, whatever the order
            assertThat(total).isEqualTo(5.0, CENT);
            assertThat(reservations.heldBy("job#1")).isEqualTo(5.0, CENT);
        } finally {
            threads.shutdownNow();
        }
    }

    private static Map<String, Object> values(Double maxCostUsd) {
        Map<String, Object> values = new HashMap<>();
        if (maxCostUsd != null) {
            values.put("maxCostUsd", maxCostUsd);
        }
        return values;
    }
}
