WITH "t1_AADNonInteractiveUserSignInLogs" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("AppDisplayName", '') AS "AppDisplayName", coalesce("IPAddress", '') AS "IPAddress", coalesce("ResultType", '') AS "ResultType" FROM "AADNonInteractiveUserSignInLogs"
),
"t2_where" AS (
  SELECT * FROM t1_AADNonInteractiveUserSignInLogs WHERE ("ResultType" = '0')
),
"t3_AADRiskyUsers" AS (
  SELECT "TimeGenerated", coalesce("UserPrincipalName", '') AS "UserPrincipalName", coalesce("RiskLevel", '') AS "RiskLevel", coalesce("RiskState", '') AS "RiskState", coalesce("RiskDetail", '') AS "RiskDetail" FROM "AADRiskyUsers"
),
"t4_where" AS (
  SELECT * FROM t3_AADRiskyUsers WHERE (("RiskState" = 'atRisk') AND ("RiskLevel" IN ('medium', 'high')))
),
"t5_summarize" AS (
  SELECT "UserPrincipalName", (coalesce(arg_max(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail"), "TimeGenerated"), first(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail")))).k AS "TimeGenerated", coalesce((coalesce(arg_max(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail"), "TimeGenerated"), first(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail")))).c0, '') AS "RiskLevel", coalesce((coalesce(arg_max(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail"), "TimeGenerated"), first(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail")))).c1, '') AS "RiskState", coalesce((coalesce(arg_max(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail"), "TimeGenerated"), first(struct_pack(k := "TimeGenerated", c0 := "RiskLevel", c1 := "RiskState", c2 := "RiskDetail")))).c2, '') AS "RiskDetail" FROM t4_where GROUP BY 1
),
"t6_project" AS (
  SELECT "UserPrincipalName", "RiskLevel", "RiskDetail" FROM t5_summarize
),
"t7_join" AS (
  SELECT l."TimeGenerated" AS "TimeGenerated", l."UserPrincipalName" AS "UserPrincipalName", l."AppDisplayName" AS "AppDisplayName", l."IPAddress" AS "IPAddress", l."ResultType" AS "ResultType", r."UserPrincipalName" AS "UserPrincipalName1", r."RiskLevel" AS "RiskLevel", r."RiskDetail" AS "RiskDetail" FROM t2_where AS l JOIN t6_project AS r ON l."UserPrincipalName" = r."UserPrincipalName"
),
"t8_summarize" AS (
  SELECT "UserPrincipalName", "RiskLevel", CAST(count(*) AS BIGINT) AS "SignIns", ('[' || coalesce(string_agg(DISTINCT CASE WHEN regexp_matches("AppDisplayName", '[\x00-\x1f]') THEN kql_json_string(CAST("AppDisplayName" AS VARCHAR)) ELSE '"' || replace(replace("AppDisplayName", '\', '\\'), '"', '\"') || '"' END, ',' ORDER BY CASE WHEN regexp_matches("AppDisplayName", '[\x00-\x1f]') THEN kql_json_string(CAST("AppDisplayName" AS VARCHAR)) ELSE '"' || replace(replace("AppDisplayName", '\', '\\'), '"', '\"') || '"' END), '') || ']') AS "Apps", min("TimeGenerated") AS "FirstSeen", max("TimeGenerated") AS "LastSeen" FROM t7_join GROUP BY 1, 2
)
SELECT "UserPrincipalName", "RiskLevel", "SignIns", "Apps", "FirstSeen", "LastSeen" FROM t8_summarize
