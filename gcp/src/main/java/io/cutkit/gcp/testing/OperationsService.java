package io.cutkit.gcp.testing;

import com.google.longrunning.GetOperationRequest;
import com.google.longrunning.Operation;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code google.longrunning.Operations.GetOperation} for the gRPC stand-ins, built from the
 * method's descriptor because the generated service base is not on the classpath. Holds each
 * operation's current state; stand-ins replace it when the work is done.
 */
final class OperationsService {

    private static final MethodDescriptor<GetOperationRequest, Operation> GET_OPERATION =
            MethodDescriptor.<GetOperationRequest, Operation>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName("google.longrunning.Operations",
                            "GetOperation"))
                    .setRequestMarshaller(ProtoUtils.marshaller(GetOperationRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(Operation.getDefaultInstance()))
                    .build();

    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final FaultPlan faults;

    OperationsService(FaultPlan faults) {
        this.faults = faults;
    }

    void put(Operation operation) {
        operations.put(operation.getName(), operation);
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder("google.longrunning.Operations")
                .addMethod(GET_OPERATION, ServerCalls.asyncUnaryCall((request, observer) ->
                        faults.answer("GetOperation", operations, observer, () -> {
                            Operation operation = operations.get(request.getName());
                            if (operation == null) {
                                throw Status.NOT_FOUND.withDescription("Operation " + request.getName() + " not found.")
                                        .asRuntimeException();
                            }
                            return operation;
                        })))
                .build();
    }
}
