package dev.pairwise.study;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invite tokens are the raters' only credential: they carry 192 random bits, are stored
 * only as SHA-256 hashes (a copy of the database opens no study), are compared as hashes
 * in constant time, and a revoked one is refused from the very next request on, its
 * leases going back to the pool.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InviteTokenTests {

	private static final Pattern ASSIGNMENT = Pattern.compile("\"assignmentId\":(\\d+)");

	private static final Pattern PAGE_ASSIGNMENT = Pattern.compile("name=\"assignmentId\" value=\"(\\d+)\"");

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	StudyFixture fixture;

	WebSession rater;

	@BeforeEach
	void connect() {
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
		this.rater = WebSession.anonymous(this.port);
	}

	@Test
	void fiveHundredTokensAreDistinct192BitValuesWithUnbiasedBits() {
		long study = this.fixture.createOpenStudy("entropy", Map.of("open", false));
		List<String> tokens = this.fixture.invite(study, 500, null);
		assertThat(new HashSet<>(tokens)).hasSize(500);
		int[] onesAt = new int[192];
		for (String token : tokens) {
			assertThat(token).matches("[A-Za-z0-9_-]{32}");
			byte[] bits = Base64.getUrlDecoder().decode(token);
			assertThat(bits).hasSize(24);
			for (int i = 0; i < 192; i++) {
				onesAt[i] += (bits[i / 8] >> (7 - i % 8)) & 1;
			}
		}
		// Each bit position is a fair coin over 500 tokens: 250 ones expected, standard
		// deviation about 11; more than 6 deviations off would mean a biased or patterned
		// source (a counter, a timestamp, a weak generator).
		int total = 0;
		for (int ones : onesAt) {
			assertThat(ones).isBetween(250 - 67, 250 + 67);
			total += ones;
		}
		// All 96,000 bits together: 48,000 ones expected, standard deviation 155.
		assertThat(total).isBetween(48_000 - 930, 48_000 + 930);
	}

	@Test
	void theDatabaseHoldsOnlyTheSha256OfEachTokenAndNoTokenAnywhere() {
		long study = this.fixture.createOpenStudy("hashed at rest", Map.of());
		List<String> tokens = this.fixture.invite(study, 5, null);
		// Use one so that assignments and judgments exist too.
		String assignment = find(ASSIGNMENT, this.rater.get("/api/rate/" + tokens.get(0) + "/next").body());
		this.rater.post("/api/rate/" + tokens.get(0) + "/judgments", "application/json",
				"{\"assignmentId\":" + assignment + ",\"choice\":\"1\",\"reason\":\"fine\"}");

		List<String> hashes = this.jdbc.sql("select token_hash from rater where study_id = ? order by id")
			.param(study)
			.query(String.class)
			.list();
		assertThat(hashes).containsExactlyElementsOf(tokens.stream().map(InviteTokenTests::sha256).toList());

		List<String> found = new ArrayList<>();
		List<List<String>> columns = this.jdbc.sql("""
				select table_name, column_name from information_schema.columns
				where lower(table_schema) = 'public' and lower(data_type) in
				  ('character varying', 'character', 'character large object', 'text', 'varchar', 'clob')""")
			.query((rs, row) -> List.of(rs.getString(1), rs.getString(2)))
			.list();
		assertThat(columns).hasSizeGreaterThan(30);
		for (List<String> column : columns) {
			String table = column.get(0);
			String name = column.get(1);
			for (String value : this.jdbc.sql("select \"" + name + "\" from \"" + table + "\"")
				.query((rs, row) -> rs.getString(1))
				.list()) {
				for (String token : tokens) {
					if (value != null && value.contains(token)) {
						found.add(table + "." + name);
					}
				}
			}
		}
		assertThat(found).as("columns holding a token in plain text").isEmpty();
	}

	@Test
	void tokensAreComparedAsHashesSoACloserGuessGetsNoCloser() {
		String token = "q3Zk0x9-TbV_4sLmW2yRfA8nPd1HcGeJ";
		String hash = InviteTokens.hash(token);
		assertThat(InviteTokens.sameHash(hash, InviteTokens.hash(token))).isTrue();
		for (int shared = 0; shared < token.length(); shared++) {
			String guess = token.substring(0, shared) + (token.charAt(shared) == 'A' ? 'B' : 'A')
					+ token.substring(shared + 1);
			String guessHash = InviteTokens.hash(guess);
			assertThat(InviteTokens.sameHash(hash, guessHash)).isFalse();
			// What a timing attack could learn is how many leading characters of the
			// stored value a guess matches: of the hash, not the token, and a guess that
			// matches 31 characters of the token matches the hash no better than a random
			// one (4 hex digits or more by chance: 1 in 65,536).
			assertThat(commonPrefix(hash, guessHash)).as("guess sharing " + shared + " characters").isLessThan(4);
		}
		assertThat(InviteTokens.sameHash(hash, hash.substring(1))).isFalse();
	}

	@Test
	void aRevokedLinkIsRefusedFromTheNextRequestOnAndItsLeaseGoesBackToThePool() {
		long study = this.fixture.createOpenStudy("revoked at once", Map.of());
		String token = this.fixture.token(study);
		long raterId = this.jdbc.sql("select id from rater where study_id = ?").param(study).query(Long.class).single();
		String page = this.rater.get("/r/" + token + "/task").body();
		String assignment = find(PAGE_ASSIGNMENT, page);
		assertThat(leased(study)).isOne();

		Page revoked = WebSession.basicAdmin(this.port)
			.post("/api/studies/" + study + "/invites/" + raterId + "/revoke", "application/json", "");
		assertThat(revoked.status()).isEqualTo(200);

		// The page the rater still has open can no longer submit, skip or move on.
		assertThat(this.rater.postForm("/r/" + token + "/task", Map.of("assignmentId", assignment, "choice", "1"))
			.status()).isEqualTo(403);
		assertThat(this.rater
			.post("/api/rate/" + token + "/judgments", "application/json",
					"{\"assignmentId\":" + assignment + ",\"choice\":\"1\"}")
			.status()).isEqualTo(403);
		assertThat(this.rater.postForm("/r/" + token + "/skip", Map.of("assignmentId", assignment)).status())
			.isEqualTo(403);
		assertThat(this.rater.get("/r/" + token).status()).isEqualTo(403);
		assertThat(this.rater.get("/api/rate/" + token + "/next").status()).isEqualTo(403);
		assertThat(this.rater.get("/r/" + token + "/task").body())
			.contains("This invite link has been revoked. Ask the study&#39;s organiser for a new one.");
		assertThat(this.jdbc.sql("select count(*) from judgment where rater_id = ?")
			.param(raterId)
			.query(Integer.class)
			.single()).isZero();
		// The task the revoked rater held is free for others now, not in 20 minutes.
		assertThat(leased(study)).isZero();
		assertThat(this.jdbc.sql("select state from assignment where id = ?")
			.param(Long.parseLong(assignment))
			.query(String.class)
			.single()).isEqualTo("expired");
	}

	private int leased(long study) {
		return this.jdbc.sql("select coalesce(sum(leased), 0) from task where study_id = ?")
			.param(study)
			.query(Integer.class)
			.single();
	}

	private static String find(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		assertThat(matcher.find()).as(text).isTrue();
		return matcher.group(1);
	}

	private static int commonPrefix(String a, String b) {
		int i = 0;
		while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		return i;
	}

	private static String sha256(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
