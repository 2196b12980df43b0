package io.cutkit.gcp.testing;

import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.api.gax.rpc.UnaryCallSettings;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An in-process gRPC server and one channel to it, shared by the gRPC stand-ins. */
final class InProcessEndpoint implements AutoCloseable {

    /** Retries short enough for tests, yet still bounded like the real client's defaults. */
    static final RetrySettings TEST_RETRIES = RetrySettings.newBuilder()
            .setInitialRetryDelayDuration(Duration.ofMillis(20))
            .setRetryDelayMultiplier(2.0)
            .setMaxRetryDelayDuration(Duration.ofMillis(200))
            .setInitialRpcTimeoutDuration(Duration.ofSeconds(5))
            .setRpcTimeoutMultiplier(1.0)
            .setMaxRpcTimeoutDuration(Duration.ofSeconds(5))
            .setTotalTimeoutDuration(Duration.ofSeconds(2))
            .build();

    private final Server server;
    private final ManagedChannel channel;

    private InProcessEndpoint(Server server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    static InProcessEndpoint start(String prefix, List<BindableService> services, List<ServerServiceDefinition> more) {
        String name = prefix + "-" + System.nanoTime();
        InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
        services.forEach(builder::addService);
        more.forEach(builder::addService);
        try {
            Server server = builder.build().start();
            ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
            return new InProcessEndpoint(server, channel);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start in-process gRPC server " + name, e);
        }
    }

    TransportChannelProvider channelProvider() {
        return FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    }

    NoCredentialsProvider credentials() {
        return NoCredentialsProvider.create();
    }

    /** Applies {@link #TEST_RETRIES}' delays and deadline while keeping each method's retryable codes. */
    static Void shortenRetries(UnaryCallSettings.Builder<?, ?> call) {
        call.setRetrySettings(TEST_RETRIES);
        return null;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
