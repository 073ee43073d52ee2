package dev.pairwise.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client over one kept-alive socket, for the load generator: it costs
 * far less CPU per call than a general-purpose client, so that on a two-core machine the
 * measured server gets most of the processor. It reconnects when the server closes the
 * connection. Not thread-safe: one per simulated rater.
 */
final class KeepAliveHttp implements AutoCloseable {

	private final String host;

	private final int port;

	private final String authorization;

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	KeepAliveHttp(String host, int port, String authorization) {
		this.host = host;
		this.port = port;
		this.authorization = authorization;
	}

	Response get(String path) {
		return send("GET", path, null, null);
	}

	Response post(String path, String contentType, byte[] body) {
		return send("POST", path, contentType, body);
	}

	Response postJson(String path, String json) {
		return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	private Response send(String method, String path, String contentType, byte[] body) {
		try {
			for (int attempt = 0;; attempt++) {
				boolean reused = this.socket != null;
				if (!reused) {
					connect();
				}
				try {
					writeRequest(method, path, contentType, body);
					return readResponse();
				}
				catch (IOException ex) {
					// A kept-alive connection the server has just closed: retry once on a
					// new one.
					close();
					if (!reused || attempt > 0) {
						throw ex;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void connect() throws IOException {
		this.socket = new Socket();
		this.socket.setTcpNoDelay(true);
		this.socket.connect(new InetSocketAddress(this.host, this.port), 10_000);
		this.socket.setSoTimeout(120_000);
		this.in = new BufferedInputStream(this.socket.getInputStream(), 1 << 16);
		this.out = this.socket.getOutputStream();
	}

	private void writeRequest(String method, String path, String contentType, byte[] body) throws IOException {
		StringBuilder head = new StringBuilder(256).append(method)
			.append(' ')
			.append(path)
			.append(" HTTP/1.1\r\nHost: ")
			.append(this.host)
			.append(':')
			.append(this.port)
			.append("\r\nAccept: application/json\r\n");
		if (this.authorization != null) {
			head.append("Authorization: ").append(this.authorization).append("\r\n");
		}
		if (body != null) {
			head.append("Content-Type: ")
				.append(contentType)
				.append("\r\nContent-Length: ")
				.append(body.length)
				.append("\r\n");
		}
		head.append("\r\n");
		byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		if (body == null || body.length > 16_384) {
			this.out.write(headBytes);
			if (body != null) {
				this.out.write(body);
			}
		}
		else {
			byte[] request = new byte[headBytes.length + body.length];
			System.arraycopy(headBytes, 0, request, 0, headBytes.length);
			System.arraycopy(body, 0, request, headBytes.length, body.length);
			this.out.write(request);
		}
		this.out.flush();
	}

	private Response readResponse() throws IOException {
		String status = readLine();
		if (status == null) {
			throw new IOException("connection closed");
		}
		int code = Integer.parseInt(status.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closeAfter = false;
		String line;
		while ((line = readLine()) != null && !line.isEmpty()) {
			int colon = line.indexOf(':');
			String name = line.substring(0, colon).trim();
			String value = line.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Length")) {
				length = Long.parseLong(value);
			}
			else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
			else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
				closeAfter = true;
			}
		}
		byte[] body;
		if (chunked) {
			ByteArrayOutputStream chunks = new ByteArrayOutputStream();
			while (true) {
				String size = readLine();
				int semicolon = size.indexOf(';');
				int chunk = Integer.parseInt((semicolon >= 0) ? size.substring(0, semicolon) : size, 16);
				if (chunk == 0) {
					while (!readLine().isEmpty()) {
						// trailers, none expected
					}
					break;
				}
				chunks.write(this.in.readNBytes(chunk));
				readLine();
			}
			body = chunks.toByteArray();
		}
		else if (length >= 0) {
			body = this.in.readNBytes((int) length);
		}
		else {
			body = new byte[0];
		}
		if (closeAfter) {
			close();
		}
		return new Response(code, new String(body, StandardCharsets.UTF_8));
	}

	private String readLine() throws IOException {
		StringBuilder line = new StringBuilder(64);
		int b;
		while ((b = this.in.read()) >= 0) {
			if (b == '\n') {
				int end = line.length();
				return (end > 0 && line.charAt(end - 1) == '\r') ? line.substring(0, end - 1) : line.toString();
			}
			line.append((char) b);
		}
		return (line.length() == 0) ? null : line.toString();
	}

	@Override
	public void close() {
		if (this.socket != null) {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing a socket the server already dropped
			}
			this.socket = null;
		}
	}

	record Response(int status, String body) {
	}

}
