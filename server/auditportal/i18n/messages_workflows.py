"""Messages of workflow definitions and transitions, in both languages."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "workflow.not_found": {"zh-CN": "流程不存在。", "en": "Workflow not found."},
    "workflow.instance_not_found": {
        "zh-CN": "流程实例不存在。",
        "en": "Workflow instance not found.",
    },
    "workflow.key_taken": {
        "zh-CN": "流程标识 {key} 已被使用。",
        "en": "The workflow key {key} is already used.",
    },
    "workflow.stale_instance": {
        "zh-CN": "该事项已被他人处理（版本 {current}），请刷新后重试。",
        "en": "Someone else moved this case meanwhile (now version {current}); reload and retry.",
    },
    "workflow.no_open_version": {
        "zh-CN": "流程“{key}”没有可用的已发布版本。",
        "en": "The workflow “{key}” has no published version in use.",
    },
    "workflow.definition_invalid": {
        "zh-CN": "流程定义无效，共 {count} 处错误。",
        "en": "The workflow definition is not valid: {count} error(s).",
    },
    "workflow.initial_count": {
        "zh-CN": "流程必须恰好有一个初始状态（现有 {count} 个）。",
        "en": "A workflow needs exactly one initial state (it has {count}).",
    },
    "workflow.initial_final": {
        "zh-CN": "初始状态不能同时是终止状态。",
        "en": "The initial state cannot also be final.",
    },
    "workflow.unknown_state": {
        "zh-CN": "状态“{state}”未定义。",
        "en": "The state “{state}” is not defined.",
    },
    "workflow.from_final": {
        "zh-CN": "终止状态“{state}”不能再有流转。",
        "en": "No transition may leave the final state “{state}”.",
    },
    "workflow.ambiguous_event": {
        "zh-CN": "状态“{state}”下事件“{event}”有多条无条件流转，无法确定去向。",
        "en": "Event “{event}” has several unguarded transitions from “{state}”.",
    },
    "workflow.unhandled_escalation": {
        "zh-CN": "状态“{state}”超时升级事件“{event}”没有对应的流转。",
        "en": "No transition from “{state}” handles its escalation event “{event}”.",
    },
    "workflow.unreachable": {
        "zh-CN": "状态“{state}”无法从初始状态到达。",
        "en": "The state “{state}” cannot be reached from the initial state.",
    },
    "workflow.no_final": {
        "zh-CN": "流程至少需要一个终止状态。",
        "en": "A workflow needs at least one final state.",
    },
    "workflow.no_role_can_fire": {
        "zh-CN": "没有任何角色可以执行“{event}”：它不是自动执行的，也不是任何状态的超时上报事件。",
        "en": "No role can take “{event}”: it is not automatic and no state's SLA escalates by it.",
    },
    "workflow.four_eyes_bypassable": {
        "zh-CN": (
            "“{event}”排除执行过“{earlier}”的人，但不经过“{earlier}”也能到达此步骤："
            "同一个人即可完成，职责分离可被绕过。"
            "请让“{earlier}”进入一个单独的状态，再由该状态执行“{event}”。"
        ),
        "en": (
            "“{event}” excludes whoever did “{earlier}”, but a case can reach it without"
            " “{earlier}”: one person can then take it alone and four eyes is bypassed."
            " Let “{earlier}” lead into a state of its own and take “{event}” from there."
        ),
    },
    "workflow.simulate_unknown_role": {
        "zh-CN": "未知角色“{role}”。",
        "en": "Unknown role “{role}”.",
    },
    "workflow.dead_end": {
        "zh-CN": "非终止状态“{state}”没有任何流转，流程会卡在这里。",
        "en": "The non-final state “{state}” has no way out.",
    },
    "workflow.no_way_out": {
        "zh-CN": "从状态“{state}”无法到达任何终止状态。",
        "en": "No final state can be reached from “{state}”.",
    },
    "workflow.unknown_form": {
        "zh-CN": "表单“{form}”不存在。",
        "en": "There is no form “{form}”.",
    },
    "workflow.unknown_workflow": {
        "zh-CN": "流程“{workflow}”不存在。",
        "en": "There is no workflow “{workflow}”.",
    },
    "workflow.guard_not_rule": {
        "zh-CN": "条件必须是 JsonLogic 规则（只有一个运算符的对象）。",
        "en": "A guard must be a JsonLogic rule (an object with one operator).",
    },
    "workflow.guard_unknown_operator": {
        "zh-CN": "条件中的运算符“{operator}”不是 JsonLogic 标准运算符。",
        "en": "“{operator}” is not a JsonLogic operator.",
    },
    "workflow.guard_bad_variable": {
        "zh-CN": "条件只能读取 answers、customer、actor、submission、score、findings、"
        "instance 或 input 下的数据（“{name}”）。",
        "en": "A guard may only read answers, customer, actor, submission, score, findings, "
        "instance or input (“{name}”).",
    },
    "workflow.refused.final_state": {
        "zh-CN": "流程已在终止状态“{state}”，不能再流转。",
        "en": "The workflow has ended in “{state}”.",
    },
    "workflow.refused.unknown_event": {
        "zh-CN": "流程中没有“{event}”这一操作。",
        "en": "This workflow has no “{event}” step.",
    },
    "workflow.refused.not_from_here": {
        "zh-CN": "当前状态“{state}”下不能执行“{event}”。",
        "en": "“{event}” is not possible from “{state}”.",
    },
    "workflow.refused.role": {
        "zh-CN": "只有以下角色可以执行此操作：{roles}。",
        "en": "Only these roles may do this: {roles}.",
    },
    "workflow.refused.system_only": {
        "zh-CN": "此步骤由系统自动执行（例如超时升级）。",
        "en": "The system takes this step (for example when a deadline passes).",
    },
    "actor.system": {"zh-CN": "系统", "en": "System"},
    "actor.unknown": {"zh-CN": "未知", "en": "Unknown"},
    "role.admin": {"zh-CN": "合规管理员", "en": "compliance administrator"},
    "role.manager": {"zh-CN": "稽核经理", "en": "audit manager"},
    "role.auditor": {"zh-CN": "稽核员", "en": "auditor"},
    "role.customer": {"zh-CN": "客户用户", "en": "customer user"},
    "role.consultant": {"zh-CN": "外部顾问", "en": "external consultant"},
    "role.service": {"zh-CN": "第三方系统", "en": "third-party tool"},
    "role.assignee": {"zh-CN": "当前处理人", "en": "the current assignee"},
    "role.submitter": {"zh-CN": "提交人", "en": "the submitter"},
    "role.account_auditor": {"zh-CN": "客户负责稽核员", "en": "the customer's account auditor"},
    "workflow.refused.guard": {
        "zh-CN": "不满足执行此操作的条件。",
        "en": "The conditions for this step are not met.",
    },
    "workflow.refused.guard_undecided": {
        "zh-CN": "条件无法判断：{fields} 尚未填写或为空。",
        "en": "The conditions cannot be decided: {fields} is empty or not answered.",
    },
    "workflow.unknown_event": {
        "zh-CN": "流程中没有事件“{event}”。",
        "en": "The workflow has no event “{event}”.",
    },
    "workflow.refused.children_open": {
        "zh-CN": "还有 {count} 个子事项未结束，须全部关闭后才能执行此步骤。",
        "en": "{count} child case(s) are still open; close them all before this step.",
    },
    "workflow.auto_with_input": {
        "zh-CN": "自动执行的步骤不能要求填写内容或说明。",
        "en": "A step taken automatically cannot ask for input or a comment.",
    },
    "workflow.refused.not_submitter": {
        "zh-CN": "提交人不能审批自己提交的事项（职责分离）。",
        "en": "The submitter may not take this step on their own submission (four eyes).",
    },
    "workflow.refused.not_assignee": {
        "zh-CN": "当前处理人不能执行此步骤，须由另一人确认（职责分离）。",
        "en": "The current assignee may not take this step; another person must (four eyes).",
    },
    "workflow.refused.not_who_fired": {
        "zh-CN": "已执行“{step}”的人不能再执行此步骤，须由另一人确认（职责分离）。",
        "en": "Whoever did “{step}” may not take this step too; another person must (four eyes).",
    },
    "workflow.refused.role_when": {
        "zh-CN": "此情形下只有以下角色可以执行此操作：{roles}。",
        "en": "In this case only these roles may do this: {roles}.",
    },
    "workflow.refused.comment_required": {
        "zh-CN": "此操作需要填写说明。",
        "en": "This step needs a comment.",
    },
    "workflow.refused.form_missing": {
        "zh-CN": "此操作需要先提交表单“{form}”。",
        "en": "This step needs a submission of the form “{form}”.",
    },
    "workflow.refused.input_invalid": {
        "zh-CN": "填写的内容未通过校验，共 {count} 处错误。",
        "en": "The input is not valid: {count} error(s).",
    },
    # A submission for a case (submitForm's workflowInstanceId).
    "case.not_found": {
        "zh-CN": "该事项不存在或您无权查看。",
        "en": "This case does not exist or you may not see it.",
    },
    "case.closed": {
        "zh-CN": "该事项已结束，不再接收提交。",
        "en": "This case is closed and takes no more submissions.",
    },
    "case.not_assigned": {
        "zh-CN": "该事项未分派给您，不能为其提交。",
        "en": "This case is not assigned to you, so you cannot submit for it.",
    },
    "case.wrong_form": {
        "zh-CN": "该事项不需要表单“{form}”。",
        "en": "This case does not ask for the form “{form}”.",
    },
    "case.wrong_customer": {
        "zh-CN": "提交的客户与该事项的客户不一致。",
        "en": "The customer given is not this case's customer.",
    },
    "case.already_submitted": {
        "zh-CN": "该事项已提交，只有退回更正后才能再次提交。",
        "en": "This case already has its submission; it takes another only after a return "
        "for correction.",
    },
}
