package dev.pairwise.audit;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every request of the app passes the audit recorder but the raters' (their pages and
 * API, which are the rating hot path and are not admin-side changes).
 */
@Configuration
class AuditWebConfig implements WebMvcConfigurer {

	private final AuditRepository entries;

	AuditWebConfig(AuditRepository entries) {
		this.entries = entries;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new AuditRecorder(this.entries)).excludePathPatterns("/r/**", "/api/rate/**");
	}

}
