WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_series_bounds" AS (
  SELECT CAST(epoch_us(TIMESTAMP '2024-01-01 00:00:00') AS DOUBLE) AS s_start, CAST(epoch_us(TIMESTAMP '2024-01-02 00:00:00') AS DOUBLE) AS s_end, CAST(ceil((CAST(epoch_us(TIMESTAMP '2024-01-02 00:00:00') AS DOUBLE) - CAST(epoch_us(TIMESTAMP '2024-01-01 00:00:00') AS DOUBLE)) / CAST(epoch_us(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(CAST(3600000000 AS BIGINT))) AS DOUBLE)) AS BIGINT) AS s_n
),
"t3_series_bins" AS (
  SELECT "AppDisplayName" AS g0, CAST(floor((CAST(epoch_us("TimeGenerated") AS DOUBLE) - b.s_start) / CAST(epoch_us(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(CAST(3600000000 AS BIGINT))) AS DOUBLE)) AS BIGINT) AS k, CAST(count(*) AS BIGINT) AS a0 FROM t1_SigninLogs, t2_series_bounds AS b WHERE CAST(epoch_us("TimeGenerated") AS DOUBLE) >= b.s_start AND CAST(epoch_us("TimeGenerated") AS DOUBLE) < b.s_end GROUP BY g0, k
),
"t4_make_series" AS (
  SELECT d.g0 AS "AppDisplayName", '[' || string_agg(coalesce(CAST(x.a0 AS VARCHAR), CAST(CAST(0 AS BIGINT) AS VARCHAR), 'null'), ',' ORDER BY d.k) || ']' AS "Count", '[' || string_agg(('"' || strftime(make_timestamp(CAST(d.s_start + d.k * CAST(epoch_us(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(CAST(3600000000 AS BIGINT))) AS DOUBLE) AS BIGINT)), '%Y-%m-%dT%H:%M:%S') || '.' || lpad(CAST(((epoch_us(make_timestamp(CAST(d.s_start + d.k * CAST(epoch_us(TIMESTAMP '1970-01-01 00:00:00' + to_microseconds(CAST(3600000000 AS BIGINT))) AS DOUBLE) AS BIGINT))) % 1000000) + 1000000) % 1000000 AS VARCHAR), 6, '0') || '0Z"'), ',' ORDER BY d.k) || ']' AS "TimeGenerated" FROM (SELECT g.*, b.s_start, unnest(range(b.s_n)) AS k FROM (SELECT DISTINCT g0 FROM t3_series_bins) AS g, t2_series_bounds AS b WHERE b.s_n IS NOT NULL AND b.s_n > 0) AS d LEFT JOIN t3_series_bins AS x ON d.k = x.k AND d.g0 IS NOT DISTINCT FROM x.g0 GROUP BY d.g0
)
SELECT "AppDisplayName", "Count", "TimeGenerated" FROM t4_make_series
