package io.pulseloop.localstack.demo;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.localstack.mail.MailStore;

/**
 * {@code --demo}: the simulated CRM publishes its owners and a first wave of 24 contacts with tickets and deals at once,
 * then a new contact with activity every 3 seconds; the simulated respondents read the captured mail every 2 seconds.
 * With the survey delay at {@code PT0S}, answers reach the dashboard and the task inbox within a minute.
 */
public final class Demo implements AutoCloseable {

    private static final int FIRST_WAVE = 24;
    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final ScheduledExecutorService scheduler;
    private final CrmSimulator crm;

    private Demo(ScheduledExecutorService scheduler, CrmSimulator crm) {
        this.scheduler = scheduler;
        this.crm = crm;
    }

    public static Demo start(Path directory, MailStore mail) throws IOException {
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "demo");
            thread.setDaemon(true);
            return thread;
        });
        Random random = new Random();
        CrmSimulator crm = CrmSimulator.connect("localhost:9092", Clock.systemUTC(), random);
        Respondents respondents = new Respondents(mail, directory.resolve("handled-messages.txt"), scheduler, random);
        Demo demo = new Demo(scheduler, crm);
        scheduler.execute(() -> {
            crm.publishOwners();
            for (int i = 0; i < FIRST_WAVE; i++) {
                crm.publishNewContactWithActivity();
            }
            LOG.info("Demo: simulated CRM published 6 owners and {} contacts with tickets and deals", FIRST_WAVE);
        });
        scheduler.scheduleWithFixedDelay(guarded(crm::publishNewContactWithActivity), 3, 3, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(guarded(respondents::readNewMail), 2, 2, TimeUnit.SECONDS);
        scheduler.scheduleWithFixedDelay(() -> LOG.info("Demo: {} contacts published, {} answers given",
                crm.contacts(), respondents.answered()), 60, 60, TimeUnit.SECONDS);
        return demo;
    }

    /** A failing round (a service restarting, say) must not end the schedule. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.debug("demo round failed", e);
            }
        };
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        crm.close();
    }
}
