package dev.pairwise.testsupport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Counts the JDBC statements (each execution, a batch as one) and the commits that web
 * requests make, by wrapping the app's {@link DataSource}: what the statement-count tests
 * assert, so that the rating loop's cost cannot creep back. Only the threads that serve
 * HTTP requests count, not the schedulers running beside them.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StatementCounter {

	private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
			"executeLargeUpdate", "executeBatch", "executeLargeBatch");

	private static final AtomicInteger statements = new AtomicInteger();

	private static final AtomicInteger commits = new AtomicInteger();

	/** Starts counting afresh. */
	public static void reset() {
		statements.set(0);
		commits.set(0);
	}

	public static int statements() {
		return statements.get();
	}

	public static int commits() {
		return commits.get();
	}

	@Bean
	static BeanPostProcessor countingDataSource() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource && !(bean instanceof Counting)) ? new Counting(dataSource)
						: bean;
			}
		};
	}

	private static boolean servingRequest() {
		return Thread.currentThread().getName().startsWith("http-nio");
	}

	private static final class Counting extends DelegatingDataSource {

		Counting(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws java.sql.SQLException {
			return proxy(super.getConnection(), Connection.class);
		}

		@Override
		public Connection getConnection(String username, String password) throws java.sql.SQLException {
			return proxy(super.getConnection(username, password), Connection.class);
		}

		private static <T> T proxy(T target, Class<T> type) {
			InvocationHandler handler = (proxy, method, arguments) -> invoke(target, method, arguments);
			return type.cast(Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), interfacesOf(target, type),
					handler));
		}

		private static Class<?>[] interfacesOf(Object target, Class<?> type) {
			return (target instanceof java.sql.PreparedStatement || target instanceof java.sql.CallableStatement)
					? new Class<?>[] { java.sql.CallableStatement.class } : new Class<?>[] { type };
		}

		private static Object invoke(Object target, Method method, Object[] arguments) throws Throwable {
			String name = method.getName();
			if (servingRequest()) {
				if (EXECUTIONS.contains(name) && target instanceof Statement) {
					statements.incrementAndGet();
				}
				if ("commit".equals(name) && target instanceof Connection) {
					commits.incrementAndGet();
				}
			}
			Object result;
			try {
				result = method.invoke(target, arguments);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
			if (result instanceof Statement statement && target instanceof Connection) {
				return proxy(statement, Statement.class);
			}
			return result;
		}

	}

}
