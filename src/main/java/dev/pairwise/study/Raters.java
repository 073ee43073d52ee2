package dev.pairwise.study;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/** Invites and the raters behind them. */
@Service
public class Raters {

	/**
	 * Leaves room in the label column (200) for the number added to each of many links.
	 */
	static final int MAX_LABEL = 100;

	private final JdbcClient jdbc;

	private final SecureRandom random = new SecureRandom();

	private final ApplicationEventPublisher events;

	Raters(JdbcClient jdbc, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.events = events;
	}

	/**
	 * The rater an invite token belongs to, revoked or not; empty for an unknown token.
	 */
	public Optional<Rater> findByToken(String token) {
		if (token == null || token.isEmpty() || token.length() > 200) {
			return Optional.empty();
		}
		String hash = InviteTokens.hash(token);
		return this.jdbc
			.sql("select id, study_id, label, quota, revoked_at, salt, token_hash from rater where token_hash = ?")
			.param(hash)
			.query((rs, row) -> InviteTokens.sameHash(rs.getString("token_hash"), hash) ? rater(rs) : null)
			.optional();
	}

	/**
	 * The stored form of an invite token, for a query of another feature that finds a
	 * rater by token among other rows; {@link #sameTokenHash} compares it in constant
	 * time.
	 */
	public static String tokenHash(String token) {
		return InviteTokens.hash(token);
	}

	public static boolean sameTokenHash(String stored, String hash) {
		return InviteTokens.sameHash(stored, hash);
	}

	public List<Rater> list(long studyId) {
		return this.jdbc
			.sql("select id, study_id, label, quota, revoked_at, salt from rater where study_id = ? order by id")
			.param(studyId)
			.query((rs, row) -> rater(rs))
			.list();
	}

	/**
	 * Creates {@code count} invites; with more than one, labels are numbered. The tokens
	 * are returned once, here, and never stored in plain text.
	 */
	@Transactional
	public List<NewInvite> create(long studyId, int count, String label, Integer quota) {
		String base = (label == null || label.isBlank()) ? "rater" : label.trim();
		if (base.length() > MAX_LABEL || base.indexOf('\0') >= 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"label must be at most " + MAX_LABEL + " characters of text");
		}
		int last = lastNumberOf(studyId, base);
		// As wide as the batch's last number, so that a hundred raters or more still sort
		// as text in the results and the exports: rater-001 … rater-120.
		String number = "%0" + Math.max(2, String.valueOf(last + count).length()) + "d";
		List<NewInvite> invites = new ArrayList<>(count);
		for (int i = 1; i <= count; i++) {
			String name = (count == 1) ? base : base + "-" + String.format(number, last + i);
			String token = InviteTokens.newToken();
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			this.jdbc.sql("""
					insert into rater (study_id, label, token_hash, quota, salt, created_at)
					values (?, ?, ?, ?, ?, ?)""")
				.params(studyId, name, InviteTokens.hash(token), quota, this.random.nextInt(Integer.MAX_VALUE),
						Timestamp.from(Instant.now()))
				.update(key, "id");
			invites.add(new NewInvite(key.getKey().longValue(), name, token));
		}
		return invites;
	}

	/**
	 * Creates one rater whose invite token the caller made (recruitment derives it from
	 * the participant, so the same person always reaches the same rater). The token is
	 * stored hashed like every other; a second rater with the same token is refused by
	 * the unique hash ({@link org.springframework.dao.DuplicateKeyException}).
	 */
	public long createWithToken(long studyId, String label, Integer quota, String token) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into rater (study_id, label, token_hash, quota, salt, created_at, participant)
				values (?, ?, ?, ?, ?, ?, true)""")
			.params(studyId, label, InviteTokens.hash(token), quota, this.random.nextInt(Integer.MAX_VALUE),
					Timestamp.from(Instant.now()))
			.update(key, "id");
		return key.getKey().longValue();
	}

	/**
	 * The highest number among the study's labels {@code base-N}, so that a new batch
	 * under the same label goes on from there and one under a new label starts at 1.
	 */
	private int lastNumberOf(long studyId, String base) {
		String prefix = base + "-";
		return this.jdbc.sql("select label from rater where study_id = ?")
			.param(studyId)
			.query(String.class)
			.list()
			.stream()
			.filter((label) -> label.startsWith(prefix))
			.map((label) -> label.substring(prefix.length()))
			.filter((suffix) -> !suffix.isEmpty() && suffix.length() < 10
					&& suffix.chars().allMatch(Character::isDigit))
			.mapToInt(Integer::parseInt)
			.max()
			.orElse(0);
	}

	/**
	 * Revokes an invite at once: its next request is refused, (through
	 * {@link RaterRevoked}) the tasks it holds go back to the pool, and when it is the
	 * demo study's link, the pages and the start-up log stop showing it.
	 */
	@Transactional
	public boolean revoke(long studyId, long raterId) {
		boolean revoked = this.jdbc
			.sql("update rater set revoked_at = ? where id = ? and study_id = ? and revoked_at is null")
			.params(Timestamp.from(Instant.now()), raterId, studyId)
			.update() == 1;
		if (revoked) {
			forgetDemoLinkOf(studyId, raterId);
			this.events.publishEvent(new RaterRevoked(studyId, raterId));
		}
		return revoked;
	}

	/**
	 * The demo link is kept as its path: {@code /join/<slug>} (recruitment's open link)
	 * or, made before open links, {@code /r/<token>}, which revoking its rater takes
	 * away.
	 */
	private void forgetDemoLinkOf(long studyId, long raterId) {
		this.jdbc.sql("select demo_invite_url from study where id = ? and demo_invite_url is not null")
			.param(studyId)
			.query(String.class)
			.optional()
			.map((link) -> InviteTokens.hash(link.substring(link.lastIndexOf('/') + 1)))
			.ifPresent((demoHash) -> this.jdbc.sql("""
					update study set demo_invite_url = null
					where id = ? and exists (select 1 from rater where id = ? and token_hash = ?)""")
				.params(studyId, raterId, demoHash)
				.update());
	}

	private static Rater rater(ResultSet rs) throws SQLException {
		int quota = rs.getInt("quota");
		Integer boundedQuota = rs.wasNull() ? null : quota;
		return new Rater(rs.getLong("id"), rs.getLong("study_id"), rs.getString("label"), boundedQuota,
				rs.getTimestamp("revoked_at") != null, rs.getInt("salt"));
	}

	public record NewInvite(long raterId, String label, String token) {

		public String url(String baseUrl) {
			return baseUrl + "/r/" + this.token;
		}

	}

}
