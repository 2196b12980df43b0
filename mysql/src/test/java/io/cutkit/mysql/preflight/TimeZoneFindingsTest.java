package io.cutkit.mysql.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeZoneFindingsTest {

    @Test
    void namedZonesAreTheNameLiteralsOfConvertTzCallsWithNestedCalls() {
        assertThat(TimeZoneFindings.namedZones("SELECT CONVERT_TZ(NOW(), 'UTC', 'Europe/Berlin'), 'Asia/Tokyo' FROM t"))
                .containsExactly("UTC", "Europe/Berlin");
        assertThat(TimeZoneFindings.namedZones("select convert_tz ( created_at , '+00:00' , 'America/New_York' )"))
                .containsExactly("America/New_York");
        assertThat(TimeZoneFindings.namedZones("SELECT CONVERT_TZ('2024-01-01 12:00:00', '+00:00', 'SYSTEM')")).isEmpty();
        assertThat(TimeZoneFindings.namedZones("SELECT 'Europe/Berlin'")).isEmpty();
        assertThat(TimeZoneFindings.namedZones(null)).isEmpty();
    }

    @Test
    void offsetsAndSystemAreNotNamedZones() {
        assertThat(TimeZoneFindings.isNamed("Europe/Berlin")).isTrue();
        assertThat(TimeZoneFindings.isNamed("UTC")).isTrue();
        assertThat(TimeZoneFindings.isNamed("Etc/GMT+5")).isTrue();
        assertThat(TimeZoneFindings.isNamed("SYSTEM")).isFalse();
        assertThat(TimeZoneFindings.isNamed("+01:00")).isFalse();
        assertThat(TimeZoneFindings.isNamed("-05:30")).isFalse();
    }
}
