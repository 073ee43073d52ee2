package dev.pairwise.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code pairwise.*}; each can be given as an environment variable
 * ({@code PAIRWISE_DATA_DIR}, {@code PAIRWISE_EVAL_SETS}, {@code PAIRWISE_ADMIN_USER},
 * {@code PAIRWISE_ADMIN_PASSWORD}, {@code PAIRWISE_UPLOADS_MAX_BYTES}).
 */
@ConfigurationProperties("pairwise")
public record PairwiseProperties(Path dataDir, Path evalSets, Admin admin, Uploads uploads) {

	public record Admin(String user, String password) {
	}

	public record Uploads(DataSize maxBytes) {
	}

}
