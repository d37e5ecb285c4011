package dev.dynamo.console.client;

import java.util.List;

/** An RFC 9457 problem body as the engine sends it. */
record Problem(String type, String title, int status, String detail, List<FieldError> errors) {}
