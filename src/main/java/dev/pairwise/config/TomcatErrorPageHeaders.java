package dev.pairwise.config;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives Tomcat's own error pages, for requests so malformed that the app never sees them
 * (an invalid request line, a header over the limit), the security headers every answer
 * of the app carries. Any other error report valve is replaced, so that this one writes
 * the page: without the report and the server's version, as before.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class TomcatErrorPageHeaders implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> {
			Pipeline pipeline = context.getParent().getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			pipeline.addValve(new HeadedErrorReportValve());
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(HeadedErrorReportValve.class.getName());
			}
		});
	}

	/** Tomcat's error report, terse, with the app's security headers. */
	public static final class HeadedErrorReportValve extends ErrorReportValve {

		public HeadedErrorReportValve() {
			setShowReport(false);
			setShowServerInfo(false);
		}

		@Override
		protected void report(Request request, Response response, Throwable throwable) {
			if (response.getStatus() >= 400 && !response.isCommitted()) {
				response.setHeader("Content-Security-Policy", SecurityConfig.CONTENT_SECURITY_POLICY);
				response.setHeader("X-Content-Type-Options", "nosniff");
				response.setHeader("X-Frame-Options", "DENY");
				response.setHeader("Referrer-Policy", "no-referrer");
			}
			super.report(request, response, throwable);
		}

	}

}
