package dev.pairwise.config;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.Customizer;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Admin-side accounts sign in with a form, or call the API with a token (HTTP Basic still
 * works); raters are authenticated by the invite token in their URL, so their pages and
 * API are open to the filter chain and checked by the rating feature itself. Two chains:
 * a stateless one for raters, and the admin one whose sessions Spring Session keeps in
 * the database.
 */
@Configuration
class SecurityConfig {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	/**
	 * Rater pages and the rater API: the invite token in the URL is the credential (not
	 * an ambient one a forged request could ride on, so no CSRF token), and nothing is
	 * kept in a session, so raters cost the session store nothing and any instance serves
	 * any of their requests.
	 */
	@Bean
	@Order(1)
	SecurityFilterChain raterFilterChain(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		http.securityMatcher(
				new OrRequestMatcher(path.matcher("/api/rate/**"), path.matcher("/r/**"), path.matcher("/join/**")))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.anonymous(Customizer.withDefaults());
		return headers(http).build();
	}

	/**
	 * Who may call what. Owners may do everything, researchers every change but to
	 * accounts, viewers read (every GET) and change nothing; an account's own password,
	 * sessions and tokens are its own, but only when it signed in with its password (a
	 * token cannot make tokens). Each role holds the authorities of those below it.
	 */
	@Bean
	@Order(2)
	SecurityFilterChain adminFilterChain(HttpSecurity http, ApiTokenVerifier tokens, AuthenticationManager passwords)
			throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		RequestMatcher api = path.matcher("/api/**");
		// API calls without a browser session, or with a token or Basic credentials of
		// their own (a script whose client keeps cookies), carry no ambient credential to
		// forge: cross-site Basic is refused by CrossSiteBasicGuard. With only a session,
		// the CSRF token is required.
		RequestMatcher apiWithoutSession = (HttpServletRequest request) -> api.matches(request)
				&& (request.getRequestedSessionId() == null || BearerTokenFilter.hasBearerToken(request)
						|| CrossSiteBasicGuard.sentWithBasic(request));
		// Only page views are remembered for after sign-in, so that no API answer opens
		// a session.
		HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
		pagesOnly.setRequestMatcher(
				new AndRequestMatcher(path.matcher(HttpMethod.GET, "/**"), new NegatedRequestMatcher(api)));
		RequestMatcherDelegatingAccessDeniedHandler explained = new RequestMatcherDelegatingAccessDeniedHandler(
				new LinkedHashMap<>(Map.of(api, ApiAccessDenied.INSTANCE)), new AccessDeniedHandlerImpl());
		AuthorizationManager<RequestAuthorizationContext> signedInByPassword = AuthorizationManagers
			.allOf(AuthenticatedAuthorizationManager.authenticated(), AuthorizationManagers
				.not(AuthorityAuthorizationManager.hasAuthority(ApiTokenVerifier.TOKEN_AUTHORITY)));
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/favicon.svg", "/error", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/api/tokens/**", "/tokens/**", "/password", "/sign-out-everywhere")
			.access(signedInByPassword)
			.requestMatchers("/api/accounts/**", "/accounts/**", "/api/audit/**", "/audit/**")
			.hasRole("OWNER")
			.requestMatchers(HttpMethod.GET, "/**")
			.hasRole("VIEWER")
			.anyRequest()
			.hasRole("RESEARCHER"))
			.authenticationManager(passwords)
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/", false)
				.failureHandler(SecurityConfig::signInFailed)
				.permitAll())
			.httpBasic((httpBasic) -> httpBasic.authenticationEntryPoint(SignInEntryPoint.INSTANCE))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.requestCache((cache) -> cache.requestCache(pagesOnly))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(SignInEntryPoint.INSTANCE)
				.accessDeniedHandler(explained))
			.addFilterBefore(new BearerTokenFilter(tokens), BasicAuthenticationFilter.class)
			.addFilterBefore(new CrossSiteBasicGuard(), BasicAuthenticationFilter.class)
			.csrf((csrf) -> csrf.ignoringRequestMatchers(apiWithoutSession));
		return headers(http).build();
	}

	/**
	 * Back to the sign-in page, saying whether the password was wrong or sign-in is
	 * paused.
	 */
	private static void signInFailed(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException failure) throws IOException {
		String reason = SignInThrottle.isLockedOut(failure) ? "locked" : "error";
		response.sendRedirect(request.getContextPath() + "/login?" + reason);
	}

	/**
	 * Headers for every page, and oversized or unreadable form bodies answered before the
	 * CSRF check.
	 */
	private static HttpSecurity headers(HttpSecurity http) throws Exception {
		return http.addFilterBefore(new FormBodyCheck(), CsrfFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frame) -> frame.deny())
				.contentTypeOptions(Customizer.withDefaults()));
	}

	/**
	 * The default firewall, and no NUL character in any parameter's name or value:
	 * PostgreSQL refuses NUL in text, so a filter value holding one would fail a query
	 * there (500) while H2 took it.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedParameterNames((name) -> name.indexOf('\0') < 0);
		firewall.setAllowedParameterValues((value) -> value.indexOf('\0') < 0);
		return firewall;
	}

	/**
	 * Passwords (form and HTTP Basic) are checked against the accounts, through the
	 * sign-in throttle.
	 */
	@Bean
	AuthenticationManager authenticationManager(UserDetailsService accounts, PasswordEncoder encoder) {
		DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(accounts);
		passwords.setPasswordEncoder(encoder);
		return new ThrottledAuthenticationManager(new ProviderManager(passwords),
				new SignInThrottle(Clock.systemUTC()));
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

}
