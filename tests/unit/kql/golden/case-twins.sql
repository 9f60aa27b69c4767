WITH "t1_SigninLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppId", '') AS "AppId", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType", "LocationDetails", "ConditionalAccessPolicies" FROM "SigninLogs"
),
"t2_extend" AS (
  SELECT "TimeGenerated", "UserPrincipalName", "AppId", "AppDisplayName", "IPAddress", "ResultType", "LocationDetails", "ConditionalAccessPolicies", (upper("AppId")) AS "APPID~2" FROM t1_SigninLogs
),
"t3_summarize" AS (
  SELECT "AppId", "APPID~2", CAST(count(*) AS BIGINT) AS "n" FROM t2_extend GROUP BY 1, 2
)
SELECT "AppId", "APPID~2", "n" FROM t3_summarize
