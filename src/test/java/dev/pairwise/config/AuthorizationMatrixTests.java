package dev.pairwise.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pairwise.testsupport.HttpTestClient;
import dev.pairwise.testsupport.WebSession;
import dev.pairwise.testsupport.WebSession.Page;
import dev.pairwise.testsupport.StudyFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what: every endpoint of the app against every kind of caller, with the exact
 * answer each must get. A rater's only credential is their invite token (in the URL),
 * plus whatever cookies their pages gave them; the admin (the first owner), a researcher
 * and a viewer sign in (pages) or use HTTP Basic (API), and a script uses a researcher's
 * API token. Every caller has a CSRF token of their own session, as anyone can get one,
 * so that what is tested here is authorization, not CSRF.
 * <p>
 * Each POST row runs against a fresh study, so that a successful change (a judgment, a
 * revocation, closing the study) cannot mask another cell; GET rows share one. A new
 * endpoint without a row fails {@link #everyEndpointOfTheAppHasARow()}: add one line to
 * {@link #MATRIX}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

	/** Expected outcomes: a status, or a redirect to the sign-in page or elsewhere. */
	private static final String LOGIN = "302 to sign-in";

	private static final String REDIRECT = "302";

	private static final String ITEMS = "{\"id\":\"q1\",\"category\":\"c\",\"setting\":\"zero-shot\",\"prompt\":\"p\"}\n";

	private static final String OUTPUTS = "{\"item_id\":\"creativity-01\",\"output\":\"o\"}\n";

	private static final String SAMPLES = "{\"item_id\":\"creativity-01\",\"output\":\"o\",\"logprob\":-3,\"sample\":0}\n";

	/**
	 * A run request the API refuses (no endpoint), so that no run starts against nothing.
	 */
	private static final String GENERATION = "{\"evalSet\":\"flan-style-190\",\"model\":\"matrix-generated\"}";

	private static final String JUDGMENTS = "{\"item_id\":\"creativity-01\",\"model_a\":\"instruction-tuned-demo\","
			+ "\"model_b\":\"base-demo\",\"winner\":\"model_a\",\"judge\":\"elsewhere\"}\n";

	private static final String PLAN = "{\"evalSet\":\"flan-style-190\",\"models\":[\"instruction-tuned-demo\",\"base-demo\"],"
			+ "\"ratingsPerTask\":3,\"assumedWinRate\":0.7}";

	private static final String PASSWORD = "matrix-password-1";

	private static final String STUDY = "{\"name\":\"matrix-{n}\",\"evalSet\":\"flan-style-190\","
			+ "\"models\":[\"instruction-tuned-demo\",\"base-demo\"],\"categories\":[\"creativity\"],"
			+ "\"settings\":[\"zero-shot\"]}";

	// @formatter:off
	static final List<Row> MATRIX = List.of(
			// Columns: anonymous, rater, other rater, revoked rater, the admin (an owner). Researcher, viewer and a
			// researcher's token are derived from the admin (see row()), with the exceptions each row states.
			//                   method  path                                            body                                                           anonymous rater     other     revoked   admin
			// Admin pages
			row("GET",  "/",                                                  Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("GET",  "/studies",                                           Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("GET",  "/studies/new",                                       Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("GET",  "/studies/preview?evalSetId={evalSet}&models=base-demo&models=instruction-tuned-demo", Body.GET_JSON,                 "401",    "401",    "401",    "401",    "200"),
			row("POST", "/studies",                                           Body.form("name=matrix-{n}&evalSetId={evalSet}&models=base-demo&models=instruction-tuned-demo&categories=creativity"),
			                                                                                                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("GET",  "/studies/{study}",                                   Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/studies/{study}/open",                              Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("POST", "/studies/{study}/close",                             Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("POST", "/studies/{study}/invites",                           Body.form("count=2&label=matrix"),                              LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("POST", "/studies/{study}/invites/{raterId}/revoke",          Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("POST", "/studies/{study}/raters/{raterId}/exclude",          Body.form("reason=matrix"),                                     LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("POST", "/studies/{study}/raters/{raterId}/include",          Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("POST", "/studies/{study}/delete",                            Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "409"),
			row("POST", "/studies/{study}/archive",                           Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "409"),
			row("POST", "/studies/{study}/restore",                           Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "409"),
			row("GET",  "/studies/{study}/participants",                      Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/studies/{study}/recruitment",                       Body.form("tasksPerParticipant=5&completionCode=C"),            LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("POST", "/studies/{study}/recruitment/pause",                 Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "404"),
			row("POST", "/studies/{study}/recruitment/resume",                Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "404"),
			row("POST", "/studies/{study}/recruitment/revoke",                Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "404"),
			row("GET",  "/studies/{study}/progress",                          Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("GET",  "/studies/{study}/tasks?agreement=disagree&flagged=true", Body.NONE,                                              LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("GET",  "/studies/{study}/tasks/{task}",                      Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("GET",  "/studies/{study}/results",                           Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("GET",  "/studies/{study}/results.svg",                       Body.GET_ANY,                                                   "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/studies/{study}/results.png",                       Body.GET_ANY,                                                   "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/studies/{study}/results.pdf",                       Body.GET_ANY,                                                   "401",    "401",    "401",    "401",    "200"),
			row("POST", "/studies/import",                                    Body.multipart("", "bundle", "{bundle}"),                       LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("GET",  "/eval-sets",                                         Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/eval-sets",                                         Body.multipart("name=matrix-{n}&version=1", "items", ITEMS),    LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("GET",  "/eval-sets/{evalSet}",                               Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			// Deleting the demo eval set or one of its models' outputs: studies use them (the studied model is base-demo), so it is refused
			row("POST", "/eval-sets/by-name/{evalSetName}/delete",           Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "409"),
			row("POST", "/eval-sets/by-name/{evalSetName}/models/{studiedModel}/delete", Body.form(""),                                     LOGIN,    LOGIN,    LOGIN,    LOGIN,    "409"),
			row("GET",  "/models",                                            Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/models/outputs",                                    Body.multipart("evalSetId={evalSet}&model=page-{n}", "outputs", OUTPUTS),
			                                                                                                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			// Admin API
			row("GET",  "/api/eval-sets",                                     Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/eval-sets?name=matrix-{n}&version=1",           Body.jsonl(ITEMS),                                              "401",    "401",    "401",    "401",    "201"),
			row("POST", "/api/eval-sets/{evalSetName}/outputs?model=api-{n}", Body.jsonl(OUTPUTS),                                           "401",    "401",    "401",    "401",    "201"),
			row("POST", "/api/studies",                                       Body.json(STUDY),                                               "401",    "401",    "401",    "401",    "201"),
			// Planning changes nothing but is part of creating a study, which viewers cannot do
			row("POST", "/api/studies/plan",                                  Body.json(PLAN),                                                "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/plan",                          Body.json("{\"assumedWinRate\":0.7}"),                      "401",    "401",    "401",    "401",    "200"),
			row("DELETE", "/api/eval-sets/{evalSetName}",                      Body.DELETE,                                                    "401",    "401",    "401",    "401",    "409"),
			row("DELETE", "/api/eval-sets/{evalSetName}/models/{studiedModel}", Body.DELETE,                                                 "401",    "401",    "401",    "401",    "409"),
			row("GET",  "/api/studies",                                       Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/api/studies/{study}",                               Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/open",                          Body.json(""),                                                  "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/close",                         Body.json(""),                                                  "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/invites",                       Body.json("{\"count\":2}"),                                     "401",    "401",    "401",    "401",    "201"),
			row("GET",  "/api/studies/{study}/invites",                       Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/invites/{raterId}/revoke",      Body.json(""),                                                  "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/raters/{raterId}/exclude",      Body.json("{\"reason\":\"matrix\"}"),                        "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/raters/{raterId}/include",      Body.json(""),                                                  "401",    "401",    "401",    "401",    "200"),
			// The row's study is open: deleting it (drafts only), archiving and restoring it (closed only) are refused
			row("DELETE", "/api/studies/{study}",                             Body.DELETE,                                                    "401",    "401",    "401",    "401",    "409"),
			row("POST", "/api/studies/{study}/archive",                       Body.json(""),                                                  "401",    "401",    "401",    "401",    "409"),
			row("POST", "/api/studies/{study}/restore",                       Body.json(""),                                                  "401",    "401",    "401",    "401",    "409"),
			row("GET",  "/api/studies/{study}/progress",                      Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/api/studies/{study}/results",                       Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/api/studies/{study}/results.csv",                   Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/api/studies/{study}/judgments.csv",                 Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/api/studies/{study}/judgments.jsonl",               Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/api/studies/{study}/judgments.parquet",             Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/{study}/judgments?source=matrix",       Body.jsonl(JUDGMENTS),                                          "401",    "401",    "401",    "401",    "201"),
			row("GET",  "/api/studies/{study}/participants.csv",              Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("GET",  "/api/studies/{study}/export",                        Body.NONE,                                                      "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/studies/import",                                Body.json("{bundle}"),                                          "401",    "401",    "401",    "401",    "201"),
			// Recruitment links (this study has none until one is set up, so reading or pausing it is 404)
			row("POST", "/api/studies/{study}/recruitment",                   Body.json("{\"tasksPerParticipant\":5,\"completionCode\":\"C\"}"), "401", "401", "401",  "401",    "200"),
			row("GET",  "/api/studies/{study}/recruitment",                   Body.NONE,                                                      "401",    "401",    "401",    "401",    "404"),
			row("POST", "/api/studies/{study}/recruitment/pause",             Body.json(""),                                                  "401",    "401",    "401",    "401",    "404"),
			row("POST", "/api/studies/{study}/recruitment/resume",            Body.json(""),                                                  "401",    "401",    "401",    "401",    "404"),
			row("POST", "/api/studies/{study}/recruitment/revoke",            Body.json(""),                                                  "401",    "401",    "401",    "401",    "404"),
			// Samples and generation: the sampled model's samples are imported before the matrix runs
			row("POST", "/api/eval-sets/{evalSetName}/samples?model=sampled-{n}", Body.jsonl(SAMPLES),                                       "401",    "401",    "401",    "401",    "201"),
			row("GET",  "/api/eval-sets/{evalSetName}/models/{sampledModel}/selection", Body.NONE,                                       "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/eval-sets/{evalSetName}/models/{sampledModel}/selection?rule=first", Body.json(""),                        "401",    "401",    "401",    "401",    "200"),
			row("POST", "/api/generations",                                   Body.json(GENERATION),                                          "401",    "401",    "401",    "401",    "400"),
			row("GET",  "/api/generations/{run}",                             Body.NONE,                                                      "401",    "401",    "401",    "401",    "404"),
			row("POST", "/api/generations/{run}/cancel",                      Body.json(""),                                                  "401",    "401",    "401",    "401",    "404"),
			row("GET",  "/samples",                                           Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/samples",                                           Body.multipart("evalSetId={evalSet}&model=page-samples-{n}", "samples", SAMPLES),
			                                                                                                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("GET",  "/samples/{evalSet}/{sampledModel}",                  Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/samples/{evalSet}/{sampledModel}/selection",        Body.form("rule=flan"),                                         LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT),
			row("GET",  "/generations",                                       Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/generations",                                       Body.form("evalSet=flan-style-190&model=matrix-page"),          LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200"),
			row("POST", "/generations/{run}/cancel",                          Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    "404"),
			// Accounts (owners only), and each account's own password, sessions and tokens (not by a token)
			row("GET",  "/accounts",                                          Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200").ownerOnly(),
			row("POST", "/accounts",                                          Body.form("username=page-{n}&password=a-long-password-{n}&role=viewer"),
			                                                                                                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT).ownerOnly(),
			row("POST", "/accounts/{account}/disable",                        Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT).ownerOnly(),
			row("GET",  "/api/accounts",                                      Body.NONE,                                                      "401",    "401",    "401",    "401",    "200").ownerOnly(),
			row("POST", "/api/accounts",                                      Body.json("{\"username\":\"api-{n}\",\"password\":\"a-long-password\",\"role\":\"viewer\"}"),
			                                                                                                                                  "401",    "401",    "401",    "401",    "201").ownerOnly(),
			row("POST", "/api/accounts/{account}/disable",                    Body.json(""),                                                  "401",    "401",    "401",    "401",    "200").ownerOnly(),
			row("GET",  "/password",                                          Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200").anyAccountButToken(),
			// A wrong current password: the page says so, and nothing changes
			row("POST", "/password",                                          Body.form("currentPassword=wrong&newPassword=another-long-one"),LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200").anyAccountButToken(),
			row("POST", "/sign-out-everywhere",                               Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT).anyAccountButToken(),
			row("GET",  "/tokens",                                            Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200").anyAccountButToken(),
			row("POST", "/tokens",                                            Body.form("name=page-{n}&role=viewer&expiresInDays=7"),         LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200").anyAccountButToken(),
			row("POST", "/tokens/{run}/revoke",                               Body.form(""),                                                  LOGIN,    LOGIN,    LOGIN,    LOGIN,    REDIRECT).anyAccountButToken(),
			row("POST", "/api/tokens",                                        Body.json("{\"name\":\"matrix\",\"role\":\"viewer\"}"),     "401",    "401",    "401",    "401",    "201").anyAccountButToken(),
			row("GET",  "/api/tokens",                                        Body.NONE,                                                      "401",    "401",    "401",    "401",    "200").anyAccountButToken(),
			row("DELETE", "/api/tokens/{run}",                                Body.DELETE,                                                    "401",    "401",    "401",    "401",    "404").anyAccountButToken(),
			// The audit log (owners only)
			row("GET",  "/audit",                                             Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "200").ownerOnly(),
			row("GET",  "/api/audit",                                         Body.NONE,                                                      "401",    "401",    "401",    "401",    "200").ownerOnly(),
			// Rater pages: the token in the path is each caller's own (a made-up one for the anonymous caller and the admin)
			row("GET",  "/r/{token}",                                         Body.NONE,                                                      "404",    "200",    "200",    "403",    "404"),
			row("GET",  "/r/{token}/task",                                    Body.NONE,                                                      "404",    "200",    "200",    "403",    "404"),
			// The answer's response is the next task (issue 23)
			row("POST", "/r/{token}/task",                                    Body.form("assignmentId={assignment}&choice=1"),                "404",    "200",    "404",    "403",    "404"),
			row("POST", "/r/{token}/skip",                                    Body.form("assignmentId={assignment}"),                         "404",    REDIRECT, "404",    "403",    "404"),
			row("POST", "/r/{token}/flag",                                    Body.form("assignmentId={assignment}&note=broken"),             "404",    REDIRECT, "404",    "403",    "404"),
			// Earlier answers: only where the study allows changing them, which this one does not
			row("GET",  "/r/{token}/judgments",                               Body.NONE,                                                      "404",    "404",    "404",    "403",    "404"),
			row("GET",  "/r/{token}/judgments/{assignment}",                  Body.NONE,                                                      "404",    "404",    "404",    "403",    "404"),
			row("POST", "/r/{token}/judgments/{assignment}",                  Body.form("choice=1"),                                          "404",    "404",    "404",    "403",    "404"),
			// A participant's pages and code: only raters enrolled through a recruitment link have them
			row("GET",  "/join/{token}",                                      Body.NONE,                                                      "404",    "404",    "404",    "404",    "404"),
			row("GET",  "/r/{token}/consent",                                 Body.NONE,                                                      "404",    "404",    "404",    "404",    "404"),
			row("POST", "/r/{token}/consent",                                 Body.form(""),                                                  "404",    "404",    "404",    "404",    "404"),
			row("GET",  "/r/{token}/qualification",                           Body.NONE,                                                      "404",    "404",    "404",    "404",    "404"),
			row("POST", "/r/{token}/qualification",                           Body.form("answer=1"),                                          "404",    "404",    "404",    "404",    "404"),
			row("GET",  "/r/{token}/attention-warning",                       Body.NONE,                                                      "404",    "404",    "404",    "404",    "404"),
			row("POST", "/r/{token}/attention-warning",                       Body.form(""),                                                  "404",    "404",    "404",    "404",    "404"),
			row("GET",  "/r/{token}/screened-out",                            Body.NONE,                                                      "404",    "404",    "404",    "404",    "404"),
			row("GET",  "/r/{token}/complete",                                Body.NONE,                                                      "404",    "404",    "404",    "404",    "404"),
			row("GET",  "/api/rate/{token}/completion",                       Body.NONE,                                                      "404",    "404",    "404",    "404",    "404"),
			// Rater API
			row("GET",  "/api/rate/{token}/next",                             Body.NONE,                                                      "404",    "200",    "200",    "403",    "404"),
			row("POST", "/api/rate/{token}/judgments",                        Body.json("{\"assignmentId\":{assignment},\"choice\":\"1\"}"),  "404",    "201",    "404",    "403",    "404"),
			row("POST", "/api/rate/{token}/skip",                             Body.json("{\"assignmentId\":{assignment}}"),                   "404",    "200",    "404",    "403",    "404"),
			row("POST", "/api/rate/{token}/flag",                             Body.json("{\"assignmentId\":{assignment},\"note\":\"x\"}"),    "404",    "200",    "404",    "403",    "404"),
			// Open to all
			row("GET",  "/login",                                             Body.NONE,                                                      "200",    "200",    "200",    "200",    "200"),
			row("GET",  "/actuator/health",                                   Body.GET_JSON,                                                  "200",    "200",    "200",    "200",    "200"),
			row("GET",  "/css/pairwise.css",                                  Body.NONE,                                                      "200",    "200",    "200",    "200",    "200"),
			// Nothing else of the actuator is exposed, not even to the admin
			row("GET",  "/actuator/env",                                      Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "404"),
			row("GET",  "/actuator/beans",                                    Body.NONE,                                                      LOGIN,    LOGIN,    LOGIN,    LOGIN,    "404"));
	// @formatter:on

	private static final Pattern NUMBER = Pattern.compile("\"assignmentId\":(\\d+)");

	private final AtomicInteger worlds = new AtomicInteger();

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	StudyFixture fixture;

	long evalSet;

	String otherStudysToken;

	WebSession basicAdmin;

	final Map<Who, WebSession> signedIn = new EnumMap<>(Who.class);

	final Map<Who, WebSession> basic = new EnumMap<>(Who.class);

	String researchersToken;

	@BeforeAll
	void otherStudy() {
		this.basicAdmin = WebSession.basicAdmin(this.port);
		for (Who who : List.of(Who.RESEARCHER, Who.VIEWER)) {
			String username = who.name().toLowerCase(Locale.ROOT);
			assertThat(this.basicAdmin
				.post("/api/accounts", "application/json",
						"{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"" + username
								+ "\"}")
				.status()).isEqualTo(201);
			this.basic.put(who, WebSession.basic(this.port, username, PASSWORD));
		}
		this.basic.put(Who.ADMIN, this.basicAdmin);
		Page token = this.basic.get(Who.RESEARCHER)
			.post("/api/tokens", "application/json", "{\"name\":\"matrix\",\"role\":\"researcher\"}");
		assertThat(token.status()).isEqualTo(201);
		this.researchersToken = token.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
		assertThat(this.basicAdmin
			.post("/api/eval-sets/flan-style-190/samples?model=matrix-sampled", "application/x-ndjson", SAMPLES)
			.status()).isEqualTo(201);
		signIn();
		this.fixture = new StudyFixture(HttpTestClient.admin(this.port));
		this.evalSet = this.jdbc.sql("select id from eval_set where name = 'flan-style-190'")
			.query(Long.class)
			.single();
		long other = this.fixture.createOpenStudy("matrix other study", subset());
		this.otherStudysToken = this.fixture.token(other);
	}

	/** Fresh sessions for the accounts, as "sign out everywhere" ends them. */
	private void signIn() {
		this.signedIn.put(Who.ADMIN, WebSession.signedInAdmin(this.port));
		this.signedIn.put(Who.RESEARCHER, WebSession.signedIn(this.port, "researcher", PASSWORD));
		this.signedIn.put(Who.VIEWER, WebSession.signedIn(this.port, "viewer", PASSWORD));
		this.signedIn.put(Who.TOKEN, WebSession.bearer(this.port, this.researchersToken).fetchCsrfToken());
	}

	/**
	 * Also proves the audit log misses no change: every call of an admin-side account or
	 * token that is not refused by the security rules (whatever the controller answers)
	 * leaves one audit entry for its path, with the token's name when a token made it.
	 */
	@Test
	void everyCellAnswersExactlyAsTheMatrixSays() {
		List<String> wrong = new ArrayList<>();
		List<String> unaudited = new ArrayList<>();
		World shared = newWorld();
		for (Row row : MATRIX) {
			World world = row.method().equals("GET") ? shared : newWorld();
			for (Who who : Who.values()) {
				String expected = row.expected().get(who);
				String target = fill(row.path(), world, who, "").replaceAll("\\?.*", "");
				long entriesBefore = auditEntries(target, who);
				String actual = call(row, who, world);
				if (row.path().equals("/sign-out-everywhere")) {
					signIn();
				}
				if (!expected.equals(actual)) {
					wrong.add(row.method() + " " + row.path() + " as " + who + ": expected " + expected + ", got "
							+ actual);
				}
				boolean audited = !row.method().equals("GET") && who.ordinal() >= Who.ADMIN.ordinal()
						&& !row.path().startsWith("/r/") && !row.path().startsWith("/api/rate/")
						&& !List.of(LOGIN, "401", "403").contains(actual);
				if (audited && auditEntries(target, who) != entriesBefore + 1) {
					unaudited.add(row.method() + " " + target + " as " + who);
				}
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(unaudited).as("changes without exactly one audit entry").isEmpty();
	}

	private long auditEntries(String target, Who who) {
		return this.jdbc
			.sql("select count(*) from audit_entry where target = ? and "
					+ ((who == Who.TOKEN) ? "token_name = 'matrix'" : "token_name is null"))
			.param(target)
			.query(Long.class)
			.single();
	}

	@Test
	void everyEndpointOfTheAppHasARow() {
		Set<String> endpoints = new LinkedHashSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : this.mappings.getHandlerMethods().entrySet()) {
			if (!mapping.getValue().getBeanType().getPackageName().startsWith("dev.pairwise")) {
				continue;
			}
			for (String pattern : mapping.getKey().getPatternValues()) {
				mapping.getKey()
					.getMethodsCondition()
					.getMethods()
					.forEach((method) -> endpoints.add(method.name() + " " + normalize(pattern)));
			}
		}
		MATRIX.forEach((row) -> endpoints.remove(row.method() + " " + normalize(row.path())));
		assertThat(endpoints).as("endpoints without a row in the matrix").isEmpty();
	}

	/** A fresh study with a rater holding a lease, a revoked rater, and a row number. */
	private World newWorld() {
		int n = this.worlds.incrementAndGet();
		long study = this.fixture.createOpenStudy("matrix " + n, subset());
		String token = this.fixture.token(study);
		String revokedToken = this.fixture.token(study);
		long raterId = raterId(study, 0);
		long revokedId = raterId(study, 1);
		WebSession.basicAdmin(this.port)
			.post("/api/studies/" + study + "/invites/" + revokedId + "/revoke", "application/json", "");
		Matcher assignment = NUMBER.matcher(WebSession.anonymous(this.port).get("/api/rate/" + token + "/next").body());
		assertThat(assignment.find()).isTrue();
		Page account = this.basicAdmin.post("/api/accounts", "application/json",
				"{\"username\":\"disable-me-" + n + "\",\"password\":\"" + PASSWORD + "\",\"role\":\"viewer\"}");
		assertThat(account.status()).isEqualTo(201);
		long accountId = Long.parseLong(account.body().replaceAll("\\D", ""));
		return new World(n, study, token, raterId, Long.parseLong(assignment.group(1)), revokedToken, accountId);
	}

	private long raterId(long study, int index) {
		return this.jdbc.sql("select id from rater where study_id = ? order by id")
			.param(study)
			.query(Long.class)
			.list()
			.get(index);
	}

	private String call(Row row, Who who, World world) {
		String token = switch (who) {
			case RATER -> world.token();
			case OTHER_RATER -> this.otherStudysToken;
			case REVOKED_RATER -> world.revokedToken();
			case ANONYMOUS, ADMIN, RESEARCHER, VIEWER, TOKEN -> "never-issued-" + "x".repeat(19) + world.n();
		};
		String path = fill(row.path(), world, who, token);
		WebSession session = session(who, path, token);
		String body = fill(row.body().template(), world, who, token);
		Page page = switch (row.body().kind()) {
			case NONE -> session.get(path);
			case GET_JSON -> session.get(path, Map.of("Accept", "application/json"));
			case GET_ANY -> session.get(path, Map.of("Accept", "*/*"));
			case FORM -> session.postForm(path, form(body));
			case JSON -> session.post(path, "application/json", body);
			case DELETE -> session.delete(path);
			case JSONL -> session.post(path, "application/x-ndjson", body);
			case MULTIPART -> session.postMultipart(path, form(body), row.body().fileField(), "upload.jsonl",
					fill(row.body().file(), world, who, token).getBytes(StandardCharsets.UTF_8));
		};
		if (page.status() == 302) {
			// Sent to sign in, not to the sign-in page with a message after a change.
			URI location = URI.create(page.location());
			return (location.getPath().equals("/login") && location.getQuery() == null) ? LOGIN : REDIRECT;
		}
		return String.valueOf(page.status());
	}

	/**
	 * The caller's credentials: a session of their own (with its CSRF token) or Basic.
	 */
	private WebSession session(Who who, String path, String token) {
		if (this.signedIn.containsKey(who)) {
			return (path.startsWith("/api/") && this.basic.containsKey(who)) ? this.basic.get(who)
					: this.signedIn.get(who);
		}
		WebSession session = WebSession.anonymous(this.port);
		if (who != Who.ANONYMOUS) {
			// Whatever cookies a rater's own pages set are part of what a rater holds.
			session.get("/r/" + token);
			session.get("/r/" + token + "/task");
		}
		return session.fetchCsrfToken();
	}

	/**
	 * The row's request for this caller: names made from {@code {n}} are the caller's
	 * own, so that one caller's success does not turn another's into a conflict.
	 */
	private String fill(String template, World world, Who who, String token) {
		if (template.contains("{bundle}")) {
			// A study moved from elsewhere: this row's own study, as its export gives it.
			template = template.replace("{bundle}",
					this.basicAdmin.get("/api/studies/" + world.study() + "/export").body());
		}
		return template.replace("{n}", world.n() + "-" + who.ordinal())
			.replace("{study}", String.valueOf(world.study()))
			.replace("{token}", token)
			.replace("{account}", String.valueOf(world.account()))
			.replace("{raterId}", String.valueOf(world.raterId()))
			.replace("{assignment}", String.valueOf(world.assignment()))
			.replace("{task}",
					String.valueOf(this.jdbc.sql("select task_id from assignment where id = ?")
						.param(world.assignment())
						.query(Long.class)
						.single()))
			.replace("{evalSetName}", "flan-style-190")
			.replace("{sampledModel}", "matrix-sampled")
			.replace("{studiedModel}", "base-demo")
			.replace("{run}", "999999")
			.replace("{evalSet}", String.valueOf(this.evalSet));
	}

	private static Map<String, String> form(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (body.isEmpty()) {
			return fields;
		}
		for (String pair : body.split("&")) {
			String[] parts = pair.split("=", 2);
			// A repeated field (models=a&models=b) is sent once with its values joined by
			// commas, which Spring binds to the same list.
			fields.merge(parts[0], parts[1], (a, b) -> a + "," + b);
		}
		return fields;
	}

	private static Map<String, Object> subset() {
		return Map.of("categories", List.of("creativity"), "settings", List.of("zero-shot"));
	}

	private static Row row(String method, String path, Body body, String anonymous, String rater, String other,
			String revoked, String admin) {
		Map<Who, String> expected = new LinkedHashMap<>();
		expected.put(Who.ANONYMOUS, anonymous);
		expected.put(Who.RATER, rater);
		expected.put(Who.OTHER_RATER, other);
		expected.put(Who.REVOKED_RATER, revoked);
		expected.put(Who.ADMIN, admin);
		// A researcher does all an owner does but manage accounts; a viewer reads (GET)
		// what
		// an owner reads and changes nothing; a researcher's token is a researcher. Rater
		// endpoints do not look at any of these credentials.
		boolean raterEndpoint = path.startsWith("/r/") || path.startsWith("/api/rate/");
		expected.put(Who.RESEARCHER, admin);
		expected.put(Who.VIEWER, (method.equals("GET") || raterEndpoint) ? admin : "403");
		expected.put(Who.TOKEN, admin);
		return new Row(method, path, body, expected);
	}

	private static String normalize(String path) {
		return path.replaceAll("\\?.*", "").replaceAll("\\{[^}]+}", "{}");
	}

	enum Who {

		/** No credentials at all. */
		ANONYMOUS,
		/** A rater of the study the row is about, with their own link. */
		RATER,
		/** A rater of another study, with their own link. */
		OTHER_RATER,
		/** A rater of this study whose link was revoked. */
		REVOKED_RATER,
		/** The signed-in admin, the first owner (HTTP Basic on the API). */
		ADMIN,
		/** A signed-in researcher (HTTP Basic on the API). */
		RESEARCHER,
		/** A signed-in viewer (HTTP Basic on the API). */
		VIEWER,
		/** An API token of the researcher's, with the researcher's role. */
		TOKEN

	}

	record Row(String method, String path, Body body, Map<Who, String> expected) {

		/** Owners only: refused to researchers, viewers and tokens. */
		Row ownerOnly() {
			return with(Who.RESEARCHER, "403").with(Who.VIEWER, "403").with(Who.TOKEN, "403");
		}

		/**
		 * An account's own business (its password, sessions and tokens): every role's,
		 * viewers' too, but refused to a token.
		 */
		Row anyAccountButToken() {
			return with(Who.VIEWER, this.expected.get(Who.ADMIN)).with(Who.TOKEN, "403");
		}

		Row with(Who who, String answer) {
			Map<Who, String> changed = new LinkedHashMap<>(this.expected);
			changed.put(who, answer);
			return new Row(this.method, this.path, this.body, changed);
		}

	}

	record Body(Kind kind, String template, String fileField, String file) {

		static final Body NONE = new Body(Kind.NONE, "", null, null);

		/** A GET that asks for JSON, as the page's script and monitoring do. */
		static final Body GET_JSON = new Body(Kind.GET_JSON, "", null, null);

		/** A GET that takes anything, as an image or a download does. */
		static final Body GET_ANY = new Body(Kind.GET_ANY, "", null, null);

		static final Body DELETE = new Body(Kind.DELETE, "", null, null);

		static Body form(String fields) {
			return new Body(Kind.FORM, fields, null, null);
		}

		static Body json(String json) {
			return new Body(Kind.JSON, json, null, null);
		}

		static Body jsonl(String jsonl) {
			return new Body(Kind.JSONL, jsonl, null, null);
		}

		static Body multipart(String fields, String fileField, String file) {
			return new Body(Kind.MULTIPART, fields, fileField, file);
		}

		enum Kind {

			NONE, GET_JSON, GET_ANY, FORM, JSON, JSONL, MULTIPART, DELETE

		}

	}

	record World(int n, long study, String token, long raterId, long assignment, String revokedToken, long account) {
	}

}
