package dev.pairwise.recruitment;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.pairwise.study.Raters;
import dev.pairwise.study.Studies;
import dev.pairwise.study.Study;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enrols a participant who opens the recruitment link, once per study: the same platform
 * id always leads to the same rater, however many times and in however many tabs it
 * arrives. Their invite token is derived from the link's key and the platform id (an
 * HMAC), so it can be given again without being stored in plain text; the rater keeps the
 * invite rules (hashed token, revocable).
 * <p>
 * Enrolments of a study run one at a time under the link's row lock, which keeps
 * {@code maxParticipants} exact; the unique (study, platform id) and the unique token
 * hash stand behind it, and whoever loses a race finds the winner's row.
 */
@Service
class Enrolments {

	/** Platform ids: Prolific's 24 hex digits, MTurk's worker ids, a panel's own. */
	static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

	/**
	 * The ids an open link generates for its visitors; only these are taken back from the
	 * visitor's cookie, so a cookie cannot name a platform's participant.
	 */
	static final Pattern VISITOR_ID = Pattern.compile("visitor-[0-9a-f]{32}");

	private static final int MAX_EXTRA_VALUE = 200;

	private final SecureRandom random = new SecureRandom();

	private final RecruitmentRepository repository;

	private final Studies studies;

	private final Raters raters;

	private final TransactionTemplate transactions;

	Enrolments(RecruitmentRepository repository, Studies studies, Raters raters,
			PlatformTransactionManager transactions) {
		this.repository = repository;
		this.studies = studies;
		this.raters = raters;
		this.transactions = new TransactionTemplate(transactions);
	}

	/**
	 * The participant's invite token, or the reason the link turns them away. On an open
	 * link a visitor who comes without a participant id is enrolled under
	 * {@code rememberedVisitor} (the id their cookie holds) or, the first time, a new
	 * random one, which the outcome carries for the cookie.
	 */
	Outcome enrol(String slug, Map<String, String> query, String rememberedVisitor) {
		Optional<RecruitmentLink> found = (slug.length() <= 64) ? this.repository.linkBySlug(slug) : Optional.empty();
		if (found.isEmpty()) {
			return Outcome.refused(HttpStatus.NOT_FOUND, "recruit.unknown");
		}
		RecruitmentLink link = found.get();
		if (RecruitmentLink.REVOKED.equals(link.state())) {
			return Outcome.refused(HttpStatus.NOT_FOUND, worded("recruit.unknown", link));
		}
		Study study = this.studies.find(link.studyId()).orElse(null);
		if (study == null || study.state() == Study.State.CLOSED) {
			return Outcome.refused(HttpStatus.GONE, "recruit.closed");
		}
		if (study.state() == Study.State.DRAFT) {
			return Outcome.refused(HttpStatus.CONFLICT, "recruit.notOpen");
		}
		String participantId = query.get(link.participantParam());
		String visitorId = null;
		if (participantId == null && link.generateParticipantIds()) {
			visitorId = (rememberedVisitor != null && VISITOR_ID.matcher(rememberedVisitor).matches())
					? rememberedVisitor : newVisitorId();
			participantId = visitorId;
		}
		if (participantId == null || !PARTICIPANT_ID.matcher(participantId).matches()) {
			return Outcome.refused(HttpStatus.BAD_REQUEST, worded("recruit.malformed", link));
		}
		Map<String, String> extras = new LinkedHashMap<>();
		for (String name : link.extraParams()) {
			String value = query.get(name);
			if (value != null) {
				if (value.length() > MAX_EXTRA_VALUE || value.chars().anyMatch(Character::isISOControl)) {
					return Outcome.refused(HttpStatus.BAD_REQUEST, worded("recruit.malformed", link));
				}
				extras.put(name, value);
			}
		}
		String id = participantId;
		String token = token(link, id);
		Outcome outcome;
		try {
			outcome = this.transactions.execute((status) -> enrolLocked(link, study, id, extras, token));
		}
		catch (DuplicateKeyException ex) {
			// Another request enrolled the same participant first: theirs is the rater.
			outcome = this.repository.participant(link.studyId(), id)
				.map((participant) -> Outcome.enrolled(token))
				.orElseThrow(() -> ex);
		}
		return (visitorId != null && outcome.token() != null) ? outcome.rememberingVisitor(visitorId) : outcome;
	}

	private String newVisitorId() {
		byte[] value = new byte[16];
		this.random.nextBytes(value);
		return "visitor-" + HexFormat.of().formatHex(value);
	}

	private Outcome enrolLocked(RecruitmentLink link, Study study, String participantId, Map<String, String> extras,
			String token) {
		this.repository.lockLink(link.studyId());
		if (this.repository.participant(link.studyId(), participantId).isPresent()) {
			return Outcome.enrolled(token);
		}
		RecruitmentLink now = this.repository.linkOf(link.studyId()).orElseThrow();
		if (!RecruitmentLink.ACTIVE.equals(now.state())) {
			return Outcome.refused(HttpStatus.SERVICE_UNAVAILABLE, "recruit.paused");
		}
		if (now.maxParticipants() != null && this.repository.countParticipants(study.id()) >= now.maxParticipants()) {
			return Outcome.refused(HttpStatus.CONFLICT, worded("recruit.full", now));
		}
		long raterId = this.raters.createWithToken(study.id(), participantId, now.tasksPerParticipant(), token);
		this.repository.insertParticipant(study.id(), participantId, raterId, extras);
		return Outcome.enrolled(token);
	}

	/**
	 * The refusal's message as the link's visitors should read it: those of an open link
	 * came from no platform and have no participant id, so theirs names neither.
	 */
	private static String worded(String messageKey, RecruitmentLink link) {
		return link.generateParticipantIds() ? messageKey + ".open" : messageKey;
	}

	/**
	 * 192 bits of HMAC-SHA256 over the study and the platform id, as invite tokens are.
	 */
	static String token(RecruitmentLink link, String participantId) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(HexFormat.of().parseHex(link.tokenSecret()), "HmacSHA256"));
			byte[] digest = mac.doFinal((link.studyId() + "\n" + participantId).getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 24));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
		}
	}

	/**
	 * Either a token to send the participant on with, or a refusal with its page; on an
	 * open link, the visitor id to remember.
	 */
	record Outcome(String token, HttpStatus status, String messageKey, String visitorId) {

		static Outcome enrolled(String token) {
			return new Outcome(token, HttpStatus.FOUND, null, null);
		}

		static Outcome refused(HttpStatus status, String messageKey) {
			return new Outcome(null, status, messageKey, null);
		}

		Outcome rememberingVisitor(String visitorId) {
			return new Outcome(this.token, this.status, this.messageKey, visitorId);
		}

	}

}
