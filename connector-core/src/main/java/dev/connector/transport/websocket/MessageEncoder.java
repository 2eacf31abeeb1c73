package dev.connector.transport.websocket;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import org.springframework.core.ResolvableType;
import org.springframework.core.codec.CodecException;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ClientCodecConfigurer;
import org.springframework.http.codec.EncoderHttpMessageWriter;

/**
 * Turns one outgoing message into one WebSocket frame: text as a text frame, bytes as a
 * binary frame, any other object as JSON text written by the encoders of the client's codecs
 * (so that a Spring Boot application's {@code ObjectMapper} applies). Thread-safe.
 */
final class MessageEncoder {

	private final List<Encoder<?>> encoders;

	MessageEncoder(ClientCodecConfigurer codecs) {
		this.encoders = codecs.getWriters()
			.stream()
			.filter(EncoderHttpMessageWriter.class::isInstance)
			.<Encoder<?>>map((writer) -> ((EncoderHttpMessageWriter<?>) writer).getEncoder())
			.toList();
	}

	/**
	 * Encode one message.
	 * @param message the message
	 * @return its frame, whose buffer the caller owns
	 * @throws CodecException if no encoder writes the message as JSON
	 */
	WebSocketFrame encode(Object message) {
		if (message instanceof CharSequence text) {
			return new TextWebSocketFrame(text.toString());
		}
		if (message instanceof byte[] bytes) {
			return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
		}
		if (message instanceof ByteBuffer buffer) {
			return new BinaryWebSocketFrame(Unpooled.copiedBuffer(buffer.duplicate()));
		}
		if (message instanceof DataBuffer buffer) {
			return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes(buffer)));
		}
		ResolvableType type = ResolvableType.forInstance(message);
		for (Encoder<?> encoder : this.encoders) {
			if (encoder.canEncode(type, MediaType.APPLICATION_JSON)) {
				@SuppressWarnings("unchecked")
				DataBuffer json = ((Encoder<Object>) encoder).encodeValue(message, DefaultDataBufferFactory.sharedInstance,
						type, MediaType.APPLICATION_JSON, Map.of());
				return new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes(json)));
			}
		}
		throw new CodecException("No encoder writes a message of " + type + " as " + MediaType.APPLICATION_JSON);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
