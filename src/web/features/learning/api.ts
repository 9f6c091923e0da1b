import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { listOf } from '../../../domain/common.js';
import { effectEvaluationSchema } from '../../../domain/effectiveness.js';
import {
  actionSchema, assignmentSchema, complianceSchema, courseSchema, documentSchema, learningResponseSchema, learningWorklistSchema,
  lessonDetailSchema, lessonSchema, myOutcomesSchema, shareSchema,
  type ActionInput, type ActionUpdate, type AssignmentInput, type CourseInput, type DocumentInput, type LearningResponseInput,
  type LessonInput, type ShareAnswerInput, type ShareInput,
} from '../../../domain/learning.js';
import { get, send } from '../../api/client.js';

export const learningKeys = {
  all: ['learning'] as const,
  responses: (q: object) => ['learning', 'responses', q] as const,
  response: (id: number) => ['learning', 'response', id] as const,
  lessons: (q: object) => ['learning', 'lessons', q] as const,
  lesson: (id: number) => ['learning', 'lesson', id] as const,
  actions: (q: object) => ['learning', 'actions', q] as const,
  action: (id: number) => ['learning', 'action', id] as const,
  worklist: ['learning', 'worklist'] as const,
  documents: (personId: number, on?: string) => ['learning', 'documents', personId, on ?? 'all'] as const,
  courses: ['learning', 'courses'] as const,
  assignments: (q: object) => ['learning', 'assignments', q] as const,
  compliance: ['learning', 'compliance'] as const,
  outcomes: ['learning', 'outcomes'] as const,
};

/** After any change: everything learning-related may have moved (coverage, statuses, worklists). */
function useInvalidateLearning() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: learningKeys.all });
}

export function useLearningResponses(q: { limit: number; offset: number }) {
  return useQuery({
    queryKey: learningKeys.responses(q),
    queryFn: ({ signal }) => get('/api/v1/learning-responses', listOf(learningResponseSchema), { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLearningResponse(id: number) {
  return useQuery({
    queryKey: learningKeys.response(id),
    queryFn: ({ signal }) => get(`/api/v1/learning-responses/${id}`, learningResponseSchema, undefined, signal),
    retry: false,
  });
}

export function useStartLearningResponse() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: z.input<z.ZodType<LearningResponseInput>>) => send('POST', '/api/v1/learning-responses', body, learningResponseSchema),
    onSuccess: invalidate,
  });
}

export function useLessons(q: { q?: string; limit: number; offset: number }) {
  return useQuery({
    queryKey: learningKeys.lessons(q),
    queryFn: ({ signal }) => get('/api/v1/lessons', listOf(lessonSchema), { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLesson(id: number) {
  return useQuery({
    queryKey: learningKeys.lesson(id),
    queryFn: ({ signal }) => get(`/api/v1/lessons/${id}`, lessonDetailSchema, undefined, signal),
    retry: false,
  });
}

export function useRecordLesson() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: LessonInput) => send('POST', '/api/v1/lessons', body, lessonDetailSchema),
    onSuccess: invalidate,
  });
}

export function useShareLesson(id: number) {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: ShareInput) => send('POST', `/api/v1/lessons/${id}/share`, body, lessonDetailSchema),
    onSuccess: invalidate,
  });
}

export function useAnswerShare(shareId: number) {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: ShareAnswerInput) => send('POST', `/api/v1/lesson-shares/${shareId}/answer`, body, shareSchema),
    onSuccess: invalidate,
  });
}

export function useActions(q: { overdue?: 'true'; open?: 'true'; status?: string; lessonId?: number; personId?: number; limit: number; offset: number }) {
  return useQuery({
    queryKey: learningKeys.actions(q),
    queryFn: ({ signal }) => get('/api/v1/actions', listOf(actionSchema), { ...q }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAction(id: number) {
  return useQuery({
    queryKey: learningKeys.action(id),
    queryFn: ({ signal }) => get(`/api/v1/actions/${id}`, actionSchema, undefined, signal),
    retry: false,
  });
}

export function useCreateAction() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: ActionInput) => send('POST', '/api/v1/actions', body, actionSchema),
    onSuccess: invalidate,
  });
}

export function useUpdateAction(id: number) {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: ActionUpdate) => send('PATCH', `/api/v1/actions/${id}`, body, actionSchema),
    onSuccess: invalidate,
  });
}

export function useEvaluateAction(id: number) {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: () => send('POST', `/api/v1/actions/${id}/evaluate`, {}, effectEvaluationSchema),
    onSuccess: invalidate,
  });
}

export function useLearningWorklist() {
  return useQuery({
    queryKey: learningKeys.worklist,
    queryFn: ({ signal }) => get('/api/v1/worklist/learning', learningWorklistSchema, undefined, signal),
  });
}

export function usePersonDocuments(personId: number, on?: string) {
  return useQuery({
    queryKey: learningKeys.documents(personId, on),
    queryFn: ({ signal }) => get(`/api/v1/people/${personId}/documents`, listOf(documentSchema), on ? { on } : undefined, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAddDocumentVersion(personId: number) {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: DocumentInput) => send('POST', `/api/v1/people/${personId}/documents`, body, documentSchema),
    onSuccess: invalidate,
  });
}

export function useCourses() {
  return useQuery({
    queryKey: learningKeys.courses,
    queryFn: ({ signal }) => get('/api/v1/training/courses', listOf(courseSchema), undefined, signal),
  });
}

export function useCreateCourse() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: z.input<z.ZodType<CourseInput>>) => send('POST', '/api/v1/training/courses', body, courseSchema),
    onSuccess: invalidate,
  });
}

export function useAssignments(q: { actionId?: number; staffId?: number }) {
  return useQuery({
    queryKey: learningKeys.assignments(q),
    queryFn: ({ signal }) => get('/api/v1/training/assignments', listOf(assignmentSchema), { ...q }, signal),
  });
}

export function useAssignTraining() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: (body: AssignmentInput) => send('POST', '/api/v1/training/assignments', body, z.object({ items: z.array(assignmentSchema), skipped: z.number() })),
    onSuccess: invalidate,
  });
}

export function useCompleteAssignment() {
  const invalidate = useInvalidateLearning();
  return useMutation({
    mutationFn: ({ id, completedOn }: { id: number; completedOn: string }) => send('POST', `/api/v1/training/assignments/${id}/complete`, { completedOn }, assignmentSchema),
    onSuccess: invalidate,
  });
}

export function useTrainingCompliance() {
  return useQuery({
    queryKey: learningKeys.compliance,
    queryFn: ({ signal }) => get('/api/v1/training/compliance', complianceSchema, undefined, signal),
  });
}

export function useMyOutcomes() {
  return useQuery({
    queryKey: learningKeys.outcomes,
    queryFn: ({ signal }) => get('/api/v1/my-reports/outcomes', myOutcomesSchema, undefined, signal),
  });
}
