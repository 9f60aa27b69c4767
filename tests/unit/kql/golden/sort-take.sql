WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_sort" AS (
  SELECT "TimeGenerated", "UserPrincipalName", "AppId", "AppDisplayName", "IPAddress", "ResultType", "LocationDetails", "ConditionalAccessPolicies", row_number() OVER (ORDER BY "TimeGenerated" DESC NULLS FIRST) AS "__loupe_order" FROM t1_SigninLogs
),
"t3_take" AS (
  SELECT * FROM t2_sort ORDER BY "__loupe_order" LIMIT greatest(CAST(10 AS BIGINT), 0)
),
"t4_project" AS (
  SELECT "TimeGenerated", "IPAddress", "__loupe_order" FROM t3_take
)
SELECT "TimeGenerated", "IPAddress" FROM t4_project ORDER BY "__loupe_order"
