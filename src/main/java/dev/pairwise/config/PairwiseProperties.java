package dev.pairwise.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code pairwise.*}; each can be given as an environment variable
 * ({@code PAIRWISE_DATA_DIR}, {@code PAIRWISE_EVAL_SETS}, {@code PAIRWISE_ADMIN_USER},
 * {@code PAIRWISE_ADMIN_PASSWORD}, {@code PAIRWISE_UPLOADS_MAX_BYTES},
 * {@code PAIRWISE_UPLOADS_MAX_LINE}).
 */
@ConfigurationProperties("pairwise")
public record PairwiseProperties(Path dataDir, Path evalSets, Admin admin, Uploads uploads) {

	public record Admin(String user, String password) {
	}

	/**
	 * @param maxBytes the largest upload
	 * @param maxLine the longest line (or CSV record) a JSON Lines or CSV upload may
	 * hold, in characters counted as bytes of the unit, so that one line cannot exhaust
	 * memory
	 */
	public record Uploads(DataSize maxBytes, DataSize maxLine) {

		public Uploads {
			maxLine = (maxLine != null) ? maxLine : DataSize.ofMegabytes(16);
		}

	}

}
