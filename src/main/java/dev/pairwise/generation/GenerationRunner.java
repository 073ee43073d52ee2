package dev.pairwise.generation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pairwise.evalset.EvalSets;
import dev.pairwise.evalset.ItemPrompt;
import dev.pairwise.generation.EndpointClient.Answer;
import dev.pairwise.generation.EndpointClient.Choice;
import dev.pairwise.generation.EndpointClient.Refusal;
import dev.pairwise.generation.EndpointClient.Transient;
import dev.pairwise.generation.GenerationRepository.Run;
import dev.pairwise.sampling.Samples;
import dev.pairwise.sampling.Samples.NewSample;
import dev.pairwise.sampling.SelectionRule;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.server.ResponseStatusException;

/**
 * Asks the endpoint for every pending item of a run, at most
 * {@code pairwise.generation.concurrency} requests at a time across all runs. An item's
 * samples and its 'done' state are stored in one transaction, so a run interrupted
 * anywhere (even by kill -9) resumes at the next start with exactly the items whose
 * samples are not stored. When no item is pending any more, the run's rule selects the
 * model's outputs.
 */
@Component
class GenerationRunner {

	private static final Logger log = LoggerFactory.getLogger(GenerationRunner.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final GenerationRepository repository;

	private final EndpointClient client;

	private final EvalSets evalSets;

	private final Samples samples;

	private final GenerationProperties properties;

	private final TransactionTemplate transaction;

	private final ExecutorService workers;

	private final Map<Long, RunContext> active = new ConcurrentHashMap<>();

	GenerationRunner(GenerationRepository repository, EndpointClient client, EvalSets evalSets, Samples samples,
			GenerationProperties properties, PlatformTransactionManager transactions) {
		this.repository = repository;
		this.client = client;
		this.evalSets = evalSets;
		this.samples = samples;
		this.properties = properties;
		this.transaction = new TransactionTemplate(transactions);
		CustomizableThreadFactory threads = new CustomizableThreadFactory("generation-");
		threads.setDaemon(true);
		this.workers = Executors.newFixedThreadPool(Math.max(1, properties.concurrency()), threads);
	}

	/** Continues the runs a previous process left queued or running. */
	@EventListener(ApplicationReadyEvent.class)
	void resumeUnfinished() {
		for (long runId : this.repository.unfinished()) {
			log.info("Resuming generation run {}", runId);
			launch(runId);
		}
	}

	void launch(long runId) {
		Run run = this.repository.find(runId).orElseThrow();
		if (run.finished() || this.active.containsKey(runId)) {
			return;
		}
		this.repository.markRunning(runId);
		Set<Long> pending = new HashSet<>(this.repository.pendingItems(runId));
		List<ItemPrompt> items = new ArrayList<>();
		for (ItemPrompt item : this.evalSets.prompts(run.evalSetId())) {
			if (pending.contains(item.id())) {
				items.add(item);
			}
		}
		RunContext context = new RunContext(run, items.size());
		this.active.put(runId, context);
		if (items.isEmpty()) {
			complete(context);
			return;
		}
		for (ItemPrompt item : items) {
			this.workers.submit(() -> work(context, item));
		}
	}

	/** Stops asking for a run's items; what is in flight is not stored. */
	void stop(long runId) {
		RunContext context = this.active.get(runId);
		if (context != null) {
			context.stopped.set(true);
		}
	}

	@PreDestroy
	void shutDown() throws InterruptedException {
		this.active.values().forEach((context) -> context.stopped.set(true));
		this.workers.shutdownNow();
		this.workers.awaitTermination(10, TimeUnit.SECONDS);
	}

	private void work(RunContext context, ItemPrompt item) {
		try {
			if (!context.stopped.get()) {
				askAndStore(context, item);
			}
		}
		catch (Refusal ex) {
			if (!context.stopped.getAndSet(true)) {
				log.warn("Generation run {} failed: {}", context.run.id(), ex.getMessage());
				this.repository.finish(context.run.id(), "failed", ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			log.error("Generation run {}: item {} could not be stored", context.run.id(), item.key(), ex);
			if (!context.stopped.getAndSet(true)) {
				this.repository.finish(context.run.id(), "failed", "item '" + item.key() + "': " + ex.getMessage());
			}
		}
		finally {
			if (context.remaining.decrementAndGet() == 0) {
				complete(context);
			}
		}
	}

	/**
	 * Asks until the item has all its samples (an endpoint may answer fewer choices than
	 * asked for), retrying transient failures with exponential backoff.
	 */
	private void askAndStore(RunContext context, ItemPrompt item) throws Refusal {
		Run run = context.run;
		SelectionRule rule = SelectionRule.of(run.selection());
		List<Choice> choices = new ArrayList<>();
		long promptTokens = 0;
		long completionTokens = 0;
		int attempts = 0;
		int failures = 0;
		while (choices.size() < run.samples()) {
			if (context.stopped.get()) {
				return;
			}
			attempts++;
			try {
				Answer answer = this.client.ask(run.endpoint(), item, run.samples() - choices.size(), run.temperature(),
						run.maxTokens(), rule.needsLogprobs());
				promptTokens += answer.promptTokens();
				completionTokens += answer.completionTokens();
				answer.choices().stream().limit(run.samples() - choices.size()).forEach(choices::add);
			}
			catch (Transient ex) {
				failures++;
				if (failures >= this.properties.maxAttempts()) {
					this.repository.itemFailed(run.id(), item.id(), attempts, promptTokens, completionTokens,
							"gave up after " + failures + " tries: " + ex.getMessage());
					return;
				}
				if (!pause(context, backoff(failures, ex.retryAfterSeconds()))) {
					return;
				}
			}
		}
		store(context, item, choices, attempts, promptTokens, completionTokens);
	}

	private void store(RunContext context, ItemPrompt item, List<Choice> choices, int attempts, long promptTokens,
			long completionTokens) {
		Run run = context.run;
		List<NewSample> samples = new ArrayList<>();
		for (int i = 0; i < choices.size(); i++) {
			Choice choice = choices.get(i);
			ObjectNode meta = JSON.createObjectNode();
			meta.put("generationRun", run.id());
			meta.put("endpointModel", run.endpoint().model());
			meta.put("temperature", run.temperature());
			if (choice.tokens() != null) {
				meta.put("tokens", choice.tokens());
			}
			if (choice.finishReason() != null) {
				meta.put("finishReason", choice.finishReason());
			}
			samples.add(new NewSample(i, choice.text(), choice.logprob(), meta.toString()));
		}
		this.transaction.executeWithoutResult((status) -> {
			if (context.stopped.get()) {
				return;
			}
			if (this.repository.itemDone(run.id(), item.id(), attempts, promptTokens, completionTokens)) {
				this.samples.record(run.model(), item.id(), samples);
			}
		});
	}

	/** The n-th wait: the backoff doubled each time, or what the endpoint asked for. */
	private long backoff(int failures, Long retryAfterSeconds) {
		long millis = this.properties.backoff().toMillis() << Math.min(failures - 1, 20);
		if (retryAfterSeconds != null) {
			millis = Math.max(millis, retryAfterSeconds * 1000);
		}
		return Math.min(millis, this.properties.maxBackoff().toMillis());
	}

	/** Sleeps, waking early when the run stops; false when it did. */
	private static boolean pause(RunContext context, long millis) {
		long deadline = System.currentTimeMillis() + millis;
		try {
			while (!context.stopped.get() && System.currentTimeMillis() < deadline) {
				Thread.sleep(Math.min(50, Math.max(1, deadline - System.currentTimeMillis())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return !context.stopped.get();
	}

	/** Every item is settled: select the outputs, or record why the run failed. */
	private void complete(RunContext context) {
		this.active.remove(context.run.id());
		if (context.stopped.get()) {
			return;
		}
		Run run = this.repository.find(context.run.id()).orElseThrow();
		if (run.done() == 0) {
			this.repository.finish(run.id(), "failed", "no item got its samples; see the errors");
			return;
		}
		try {
			int allDropped = this.samples.select(run.evalSetId(), run.model(), SelectionRule.of(run.selection()));
			this.repository.finish(run.id(), "done", (allDropped > 0)
					? allDropped + " items had every sample" + " dropped; the lowest log-probability was kept for each"
					: null);
		}
		catch (ResponseStatusException ex) {
			this.repository.finish(run.id(), "failed", ex.getReason());
		}
	}

	private static final class RunContext {

		private final Run run;

		private final AtomicInteger remaining;

		private final AtomicBoolean stopped = new AtomicBoolean();

		RunContext(Run run, int items) {
			this.run = run;
			this.remaining = new AtomicInteger(items);
		}

	}

}
