package dev.pairwise.generation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code pairwise.generation.*}: how many requests to endpoints run at
 * once (across all runs), how many times one item is tried, the first wait between tries
 * (doubled after each, up to {@code maxBackoff}), and how long one request may take.
 */
@ConfigurationProperties("pairwise.generation")
record GenerationProperties(@DefaultValue("4") int concurrency, @DefaultValue("6") int maxAttempts,
		@DefaultValue("1s") Duration backoff, @DefaultValue("60s") Duration maxBackoff,
		@DefaultValue("300s") Duration requestTimeout) {
}
