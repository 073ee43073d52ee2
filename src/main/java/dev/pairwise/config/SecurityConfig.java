package dev.pairwise.config;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Admins sign in with a form (or HTTP Basic for the API); raters are authenticated by the
 * invite token in their URL, so their pages and API are open to the filter chain and
 * checked by the rating feature itself.
 */
@Configuration
class SecurityConfig {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'; form-action 'self'";

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		RequestMatcher api = path.matcher("/api/**");
		RequestMatcher raterApi = path.matcher("/api/rate/**");
		RequestMatcher raterPages = path.matcher("/r/**");
		// API calls without a browser session carry no ambient credential to forge; with
		// one, the token is required.
		RequestMatcher apiWithoutSession = (HttpServletRequest request) -> api.matches(request)
				&& request.getRequestedSessionId() == null;
		BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
		basic.setRealmName("Pairwise");
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/login", "/css/**", "/js/**", "/favicon.svg", "/error", "/actuator/health/**")
			.permitAll()
			.requestMatchers(raterApi, raterPages)
			.permitAll()
			.anyRequest()
			.hasRole("ADMIN"))
			.formLogin((form) -> form.loginPage("/login").defaultSuccessUrl("/", false).permitAll())
			.httpBasic((httpBasic) -> httpBasic.authenticationEntryPoint(basic))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(basic, api))
			.addFilterBefore(new FormBodyCheck(), CsrfFilter.class)
			.csrf((csrf) -> csrf.ignoringRequestMatchers(raterApi, raterPages, apiWithoutSession))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frame) -> frame.deny())
				.contentTypeOptions(Customizer.withDefaults()));
		return http.build();
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
