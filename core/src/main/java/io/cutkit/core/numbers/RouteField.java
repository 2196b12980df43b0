package io.cutkit.core.numbers;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every setting of a phone number that decides where its inbound traffic goes.
 *
 * <p>Emergency-calling and regulatory settings (emergency address, bundle, identity) are
 * deliberately absent: they register the number for outbound emergency calls and compliance, but
 * never route an inbound call or message, so a repoint neither needs nor should touch them.
 */
public enum RouteField {
    VOICE_URL(Kind.URL, Channel.VOICE),
    VOICE_METHOD(Kind.METHOD, Channel.VOICE),
    VOICE_FALLBACK_URL(Kind.URL, Channel.VOICE),
    VOICE_FALLBACK_METHOD(Kind.METHOD, Channel.VOICE),
    STATUS_CALLBACK(Kind.URL, Channel.VOICE),
    STATUS_CALLBACK_METHOD(Kind.METHOD, Channel.VOICE),
    SMS_URL(Kind.URL, Channel.SMS),
    SMS_METHOD(Kind.METHOD, Channel.SMS),
    SMS_FALLBACK_URL(Kind.URL, Channel.SMS),
    SMS_FALLBACK_METHOD(Kind.METHOD, Channel.SMS),
    /** An application whose own URLs replace the number's voice URLs. */
    VOICE_APPLICATION_SID(Kind.REFERENCE, Channel.VOICE),
    /** An application whose own URLs replace the number's SMS URLs. */
    SMS_APPLICATION_SID(Kind.REFERENCE, Channel.SMS),
    /** A SIP trunk that takes every call, replacing voice URLs and the voice application. */
    TRUNK_SID(Kind.REFERENCE, Channel.VOICE),
    /** Whether calls are received as voice or as fax; both still use the voice URLs. */
    VOICE_RECEIVE_MODE(Kind.MODE, Channel.VOICE);

    /** What kind of value a field holds, which decides how it is validated. */
    public enum Kind { URL, METHOD, REFERENCE, MODE }

    /** The kind of traffic a field routes. */
    public enum Channel { VOICE, SMS }

    private final Kind kind;
    private final Channel channel;

    RouteField(Kind kind, Channel channel) {
        this.kind = kind;
        this.channel = channel;
    }

    public Kind kind() {
        return kind;
    }

    public Channel channel() {
        return channel;
    }

    /**
     * The fields whose values are ignored while this field is set, empty for fields that
     * override nothing. A trunk shadows the voice URLs and the voice application; an application
     * shadows the URLs of its channel.
     */
    public Set<RouteField> shadows() {
        return switch (this) {
            case TRUNK_SID -> EnumSet.of(VOICE_URL, VOICE_METHOD, VOICE_FALLBACK_URL, VOICE_FALLBACK_METHOD,
                    STATUS_CALLBACK, STATUS_CALLBACK_METHOD, VOICE_APPLICATION_SID);
            case VOICE_APPLICATION_SID -> EnumSet.of(VOICE_URL, VOICE_METHOD, VOICE_FALLBACK_URL,
                    VOICE_FALLBACK_METHOD, STATUS_CALLBACK, STATUS_CALLBACK_METHOD);
            case SMS_APPLICATION_SID -> EnumSet.of(SMS_URL, SMS_METHOD, SMS_FALLBACK_URL, SMS_FALLBACK_METHOD);
            default -> EnumSet.noneOf(RouteField.class);
        };
    }
}
