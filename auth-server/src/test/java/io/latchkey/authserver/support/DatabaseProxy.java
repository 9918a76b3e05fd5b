package io.latchkey.authserver.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy between the application and its PostgreSQL server that a test can cut:
 * every open connection breaks and new ones are refused, as when the database server
 * stops, until the test restores it on the same port. Listens on loopback only.
 */
public final class DatabaseProxy {

	private final String upstreamHost;

	private final int upstreamPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final int port;

	private ServerSocket listener;

	DatabaseProxy(String upstreamHost, int upstreamPort) {
		this.upstreamHost = upstreamHost;
		this.upstreamPort = upstreamPort;
		this.listener = listen(0);
		this.port = this.listener.getLocalPort();
		accept(this.listener);
	}

	public int port() {
		return this.port;
	}

	/** Breaks every connection and refuses new ones. */
	public synchronized void cut() {
		close(this.listener);
		this.open.forEach(DatabaseProxy::close);
		this.open.clear();
	}

	/** Accepts connections again, on the same port. */
	public synchronized void restore() {
		if (this.listener.isClosed()) {
			this.listener = listen(this.port);
			accept(this.listener);
		}
	}

	private static ServerSocket listen(int port) {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return socket;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen on port " + port, ex);
		}
	}

	private void accept(ServerSocket listening) {
		Thread acceptor = new Thread(() -> {
			while (!listening.isClosed()) {
				try {
					Socket client = listening.accept();
					Socket server = new Socket(this.upstreamHost, this.upstreamPort);
					this.open.add(client);
					this.open.add(server);
					pump(client, server);
					pump(server, client);
				}
				catch (IOException ex) {
					// closed by cut(), or the server refused: the client sees its socket
					// end
				}
			}
		}, "database-proxy-accept");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void pump(Socket from, Socket to) {
		Thread pump = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
					out.write(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				// the other side or cut() closed it
			}
			finally {
				close(from);
				close(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "database-proxy-pump");
		pump.setDaemon(true);
		pump.start();
	}

	private static void close(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
