package dev.pairwise.config;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Admins sign in with a form (or HTTP Basic for the API); raters are authenticated by the
 * invite token in their URL, so their pages and API are open to the filter chain and
 * checked by the rating feature itself. Two chains: a stateless one for raters, and the
 * admin one whose sessions Spring Session keeps in the database.
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
		http.securityMatcher(new OrRequestMatcher(path.matcher("/api/rate/**"), path.matcher("/r/**")))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.securityContext(
					(context) -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
			.anonymous(Customizer.withDefaults());
		return headers(http).build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain adminFilterChain(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		RequestMatcher api = path.matcher("/api/**");
		// API calls without a browser session carry no ambient credential to forge; with
		// one, the token is required.
		RequestMatcher apiWithoutSession = (HttpServletRequest request) -> api.matches(request)
				&& request.getRequestedSessionId() == null;
		BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
		basic.setRealmName("Pairwise");
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/favicon.svg", "/error", "/actuator/health/**")
			.permitAll()
			.anyRequest()
			.hasRole("ADMIN"))
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.httpBasic((httpBasic) -> httpBasic.authenticationEntryPoint(basic))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(basic, api))
			.csrf((csrf) -> csrf.ignoringRequestMatchers(apiWithoutSession));
		return headers(http).build();
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

	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

}
