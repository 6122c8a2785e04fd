#!/usr/bin/python3
"""Make the synthetic progress reports of samples/plan/progress/.

Synthetic but plausible: every unit of every task reports each quarter from
2024Q3 to 2025Q3, except units that never report and a few that skip
quarters; some reports come in after the deadline; a few tasks are at risk or
delayed; one unit's progress goes down with a reason.  Units are named by
id, by name or by alias, as real returns do.

Also writes digital-tongliao-plan-rev2025.json: the plan with the interim
targets of the 2025 work points (年度工作要点) added as milestones, one of
which (task 13, due 2025Q2) is overdue by 2025Q3.

Deterministic: run it again and the files are the same.
    /usr/bin/python3 samples/plan/make-progress.py
"""
import datetime
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
QUARTERS = ["2024Q3", "2024Q4", "2025Q1", "2025Q2", "2025Q3"]
GRACE_DAYS = 5

# Units that never report (the ones the office chases) and units that skip
# some quarters.
SILENT = {"haiguan", "kexie"}
SKIPS = {
    ("youzhengju", "2025Q3"), ("nengyuanju", "2025Q3"),
    ("danganguan", "2025Q3"), ("qixian-zhengfu", "2025Q3"),
    ("guangdian", "2025Q2"), ("guangdian", "2025Q3"),
    ("yiliao-xitong", "2025Q1"), ("nongfa-jituan", "2025Q3"),
    ("lincaoju", "2024Q4"), ("toucuju", "2025Q3"),
}
# Units that tend to report late.
LATE = {"shuchan-jituan", "yunyingshang", "jiaotongju", "rongmeiti"}

# Per task: (percent at 2024Q3, gain per quarter, status overrides by quarter).
PROFILE = {
    "4": (5, 4, {"2025Q1": "at-risk", "2025Q2": "delayed", "2025Q3": "delayed"}),
    "13": (30, 8, {"2025Q2": "delayed", "2025Q3": "delayed"}),
    "19": (10, 6, {"2025Q3": "at-risk"}),
    "30": (0, 5, {"2024Q3": "not-started", "2025Q3": "at-risk"}),
    "S1": (60, 20, {}),
    "2": (40, 15, {}),
}
ISSUES = {
    "4": "园区二期电力接入审批未完成,算力设备招标延后",
    "13": "部分部门业务系统未完成对接,“全程网办”事项比例低于年度目标",
    "19": "冷链物流数据接口标准不统一,企业接入意愿不高",
    "30": "平台建设资金尚未落实,溯源数据采集点覆盖不足",
}
ACTIONS = [
    "完成年度推进方案并细化责任分工",
    "召开专题推进会,明确时间节点",
    "完成需求调研和技术方案论证",
    "项目完成招标,进入建设实施阶段",
    "系统完成部署并开展试运行",
    "组织应用培训,推广使用范围扩大",
    "完成阶段性验收,运行总体平稳",
    "与自治区平台完成数据对接",
]
NEXT = [
    "加快推进建设进度,确保按期完成年度目标",
    "做好试运行问题整改,推动正式上线",
    "加强部门协同,完善数据共享机制",
    "开展成效评估,总结推广经验做法",
]
COMMON_ISSUES = [
    "专业技术人员不足",
    "资金到位较慢",
    "跨部门数据共享仍需加强",
    "",
    "",
    "",
]
# Interim targets of the 2025 work points, added in the revised plan.
INTERIM = {
    "13": {"due": "2025Q2",
           "target": "2025年上半年,高频政务服务事项实现“全程网办”比例达到90%"},
    "14": {"due": "2025Q3",
           "target": "2025年三季度末,“无证明城市”系统上线运行"},
    "18": {"due": "2025Q4",
           "target": "2025年底,“城市大脑”接入市直部门业务系统不少于30个"},
}


def quarter_end(q):
    year, n = int(q[:4]), int(q[5])
    month = n * 3
    nxt = datetime.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def unit_ref(rng, unit):
    """How a return names its unit: id, name or alias."""
    pick = rng.random()
    if pick < 0.6:
        return unit["id"]
    if pick < 0.85 or not unit["aliases"]:
        return unit["name"]
    return unit["aliases"][0]


def main():
    with open(os.path.join(HERE, "digital-tongliao-plan.json"), encoding="utf-8") as f:
        plan = json.load(f)
    units = {u["id"]: u for u in plan["units"]}
    rng = random.Random(20250930)
    outdir = os.path.join(HERE, "progress")
    os.makedirs(outdir, exist_ok=True)
    done_tasks = {}
    leads_done = {}
    last = {}
    for qi, q in enumerate(QUARTERS):
        recs = []
        end = quarter_end(q)
        for task in plan["tasks"] + plan["safeguards"]:
            tid = task["id"]
            if tid in done_tasks and done_tasks[tid] < q:
                continue  # finished: nothing owed any more
            start, gain, over = PROFILE.get(tid, (rng.randint(5, 25), rng.randint(10, 16), {}))
            if tid not in PROFILE:
                PROFILE[tid] = (start, gain, over)
            base = min(100, start + gain * qi)
            roles = [(u, "lead") for u in task["lead"]] + \
                    [(u, "cooperating") for u in task["cooperating"]]
            for uid, role in roles:
                if uid in SILENT or (uid, q) in SKIPS:
                    continue
                pct = base if role == "lead" else max(0, min(100, base + rng.randint(-10, 5)))
                pct = max(pct, last.get((tid, uid), 0))
                status = over.get(q, "done" if pct >= 100 else "on-track")
                if status == "done":
                    pct = 100
                elif pct >= 100:
                    pct = 95
                rec = {
                    "type": "progress",
                    "task": tid,
                    "unit": unit_ref(rng, units[uid]),
                    "quarter": q,
                    "status": status,
                    "percent": pct,
                    "summary": "%s:%s。" % (task["title"], ACTIONS[(qi * 3 + len(recs)) % len(ACTIONS)]),
                    "issues": ISSUES.get(tid, "") if role == "lead" and status in ("at-risk", "delayed")
                    else rng.choice(COMMON_ISSUES),
                    "next_steps": NEXT[(qi + len(recs)) % len(NEXT)],
                }
                # One unit's progress went backwards, with the reason given.
                if tid == "17" and uid == "wenlvju" and q == "2025Q2":
                    rec["percent"] = max(0, last[(tid, uid)] - 15)
                    rec["status"] = "at-risk"
                    rec["reason"] = "平台原建设方案经评审调整,部分功能模块需重新开发"
                    rec["issues"] = "智慧旅游平台功能调整,建设周期延长"
                days = rng.randint(-6, GRACE_DAYS)
                if uid in LATE and rng.random() < 0.5:
                    days = rng.randint(GRACE_DAYS + 2, GRACE_DAYS + 10)
                rec["reported"] = (end + datetime.timedelta(days=days)).isoformat()
                if not rec["issues"]:
                    del rec["issues"]
                if rec["status"] == "done" and role == "lead":
                    leads_done.setdefault(tid, set()).add(uid)
                    if leads_done[tid] == set(task["lead"]):
                        done_tasks.setdefault(tid, q)
                last[(tid, uid)] = rec["percent"]
                recs.append(rec)
        with open(os.path.join(outdir, q + ".jsonl"), "w", encoding="utf-8") as f:
            for rec in recs:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    for task in plan["tasks"]:
        if task["id"] in INTERIM:
            task["milestones"] = [INTERIM[task["id"]]] + task["milestones"]
    plan["plan"]["revision"] = "2025 work points: interim targets added"
    with open(os.path.join(HERE, "digital-tongliao-plan-rev2025.json"), "w",
              encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
